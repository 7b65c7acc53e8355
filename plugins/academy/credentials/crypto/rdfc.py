"""JSON-LD processing for `eddsa-rdfc-2022`: RDFC-1.0 canonical N-Quads, offline and in safe mode.

`pyld` (the JSON-LD processor of Digital Bazaar, who also wrote the JavaScript one most
verifiers use) does the expansion and RDFC-1.0 (which pyld calls URDNA2015, its earlier name:
the algorithm is the same). Its document loader here serves only the contexts bundled in
`contexts/` (README there: URL, source, license) and refuses every other URL, so a
credential can never make the verifier fetch anything.

Safe mode, as Data Integrity requires of RDF-based suites: a term that no context defines is
silently dropped by JSON-LD expansion, so it would not be signed. `canonical_nquads` and
`expand` raise `UnsafeDocument` instead, naming every dropped property and every type that is
not an absolute IRI.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

from academy.errors import AcademyError

#: Bundled context files by the URL they are published at.
CONTEXT_FILES: dict[str, str] = {
    "https://www.w3.org/ns/credentials/v2": "credentials-v2.jsonld",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json": "ob-v3p0-3.0.3.json",
    "https://w3id.org/security/data-integrity/v1": "data-integrity-v1.jsonld",
    "https://w3id.org/security/multikey/v1": "multikey-v1.jsonld",
    "https://www.w3.org/ns/cid/v1": "cid-v1.jsonld",
    "https://www.w3.org/ns/credentials/examples/v2": "credentials-examples-v2.jsonld",
}


class UnsafeDocument(AcademyError, ValueError):
    """JSON-LD processing would drop or misread part of the document; the message names each part."""


class ContextRefused(AcademyError, ValueError):
    """A document names a context that is not bundled (nothing is ever fetched)."""


@cache
def bundled_context(url: str) -> Any:
    """The parsed context document published at `url`; ContextRefused when it is not bundled."""
    name = CONTEXT_FILES.get(url)
    if name is None:
        raise ContextRefused(f"the JSON-LD context {url} is not one this verifier knows (nothing is fetched)")
    document = resources.files("academy.credentials.crypto").joinpath("contexts", name)
    return json.loads(document.read_text(encoding="utf-8"))


def document_loader(url: str, options: Any = None) -> dict[str, Any]:
    """pyld's document loader: bundled contexts only, never the network."""
    from pyld.jsonld import JsonLdError

    try:
        document = bundled_context(url)
    except ContextRefused as error:
        raise JsonLdError(str(error), "jsonld.LoadDocumentError", code="loading document failed") from error
    # A copy: pyld must not change the cached context.
    return {"contextUrl": None, "documentUrl": url, "document": copy.deepcopy(document)}


def _processor(dropped: list[str]) -> Any:
    return _processor_class()(on_property_dropped=lambda term: dropped.append(str(term)))


#: Processed contexts already computed, by (active context id, local context, flags); bounded.
_PROCESSED_MAX = 512


@cache
def _processor_class() -> type:
    """pyld's processor with a process-wide memo of context processing.

    pyld caches a processed context under the active context's `_uuid`, but a type-scoped
    context (the OB 3.0 context has one per class) does not propagate, so pyld clones the
    active context under a fresh `_uuid` each time and processes the same scoped context
    again for every node of every document: that was most of the time an `eddsa-rdfc-2022`
    proof took. The result depends only on the active context (immutable once frozen, and
    named by its `_uuid`), the local context, the flags and the base; the contexts are the
    bundled files, so it is computed once per process. Only frozen (immutable) results are
    kept, and the local context object is held so that its `id` cannot be reused.
    """
    from collections import OrderedDict

    from pyld.jsonld import JsonLdProcessor, freeze

    frozendict = type(freeze({}))  # pyld's immutable mapping (its `frozendict` dependency), taken from pyld

    memo: OrderedDict[tuple[Any, ...], tuple[Any, Any]] = OrderedDict()

    class MemoProcessor(JsonLdProcessor):  # type: ignore[misc]
        #: Set by `_run` when the input to `normalize` is `{"@graph": <expanded form>}`: pyld's
        #: `to_rdf` would expand it again (the same statements: expansion is idempotent).
        pre_expanded = False

        def expand(self, input_: Any, options: Any) -> Any:
            if self.pre_expanded:
                self.pre_expanded = False  # only `to_rdf`'s own first call
                return list(input_.get("@graph", []))
            return super().expand(input_, options)

        def _process_context(self, active_ctx: Any, local_ctx: Any, options: Any, **flags: Any) -> Any:
            uuid = active_ctx.get("_uuid") if isinstance(active_ctx, frozendict) else None
            if uuid is None or flags.get("cycles"):
                return super()._process_context(active_ctx, local_ctx, options, **flags)
            key = (
                uuid,
                id(local_ctx),
                options.get("base"),
                options.get("processingMode"),
                *sorted((k, v) for k, v in flags.items() if k != "cycles"),
            )
            found = memo.get(key)
            if found is not None and found[0] is local_ctx:
                memo.move_to_end(key)
                return found[1]
            result = super()._process_context(active_ctx, local_ctx, options, **flags)
            if isinstance(result, frozendict):
                memo[key] = (local_ctx, result)
                if len(memo) > _PROCESSED_MAX:
                    memo.popitem(last=False)
            return result

    return MemoProcessor


@cache
def _resolver() -> Any:
    """A context resolver of our own, kept for the process: resolving the OB 3.0 context is most
    of the work, and pyld's shared default cache would mix in contexts other loaders fetched."""
    from cachetools import LRUCache
    from pyld.context_resolver import ContextResolver

    return ContextResolver(LRUCache(maxsize=100), document_loader)


def _options(**more: Any) -> dict[str, Any]:
    # No base IRI: a relative type or id stays relative, so `expand` can refuse it (pyld's
    # default base, http://example.org/base/, would make it look absolute).
    return {"base": None, "documentLoader": document_loader, "contextResolver": _resolver(), **more}


def _run(action: str, document: Mapping[str, Any], **options: Any) -> Any:
    from pyld.jsonld import JsonLdError

    dropped: list[str] = []
    processor = _processor(dropped)
    try:
        if action == "expand":  # pyld's `expand` works on its own deep copy
            result = processor.expand(dict(document), _options(**options))
        else:
            # The expanded form comes fresh from `expand` and is not used again: no copy needed.
            processor.pre_expanded = action == "normalize-expanded"
            result = processor.normalize(
                dict(document) if processor.pre_expanded else copy.deepcopy(dict(document)),
                _options(algorithm="URDNA2015", format="application/n-quads", **options),
            )
    except JsonLdError as error:
        raise UnsafeDocument(f"JSON-LD processing failed: {_cause(error)}") from error
    except RecursionError as error:
        raise UnsafeDocument("JSON-LD processing failed: the document is nested too deeply") from error
    if dropped:
        names = ", ".join(sorted(set(dropped)))
        raise UnsafeDocument(f"no JSON-LD context declared by the document defines {names}")
    return result


def _cause(error: BaseException) -> str:
    """The innermost message of a pyld error (the useful one: e.g. the context that was refused)."""
    while error.__cause__ is not None or getattr(error, "cause", None) is not None:
        error = error.__cause__ or error.cause  # type: ignore[attr-defined]
    message = error.args[0] if error.args else error
    return str(message).splitlines()[0]


def expand(document: Mapping[str, Any]) -> list[Any]:
    """The expanded form of `document`; UnsafeDocument when a term or a type is undefined."""
    expanded: list[Any] = _run("expand", document)
    if not expanded and document:
        raise UnsafeDocument("JSON-LD expansion leaves nothing of the document: no context declared defines its terms")
    relative = sorted(set(_relative_types(expanded)))
    if relative:
        raise UnsafeDocument(
            f"no JSON-LD context declared by the document defines the type(s) or id(s) {', '.join(relative)}"
        )
    return expanded


def canonical_nquads(document: Mapping[str, Any]) -> str:
    """RDFC-1.0 canonical N-Quads of `document` (checked in safe mode first).

    The expanded form is canonicalized: it holds the same statements and needs no context
    processing again, which is most of the time spent; `to_rdf` takes it as it is.
    """
    expanded = expand(document)
    nquads: str = _run("normalize-expanded", {"@graph": expanded})
    return nquads


def _relative_types(node: Any) -> list[str]:
    found: list[str] = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            for key, value in item.items():
                if key in {"@type", "@id"} and "@value" not in item:
                    found += [t for t in (value if isinstance(value, list) else [value]) if ":" not in str(t)]
                elif key != "@value":
                    stack.append(value)
    return found
