"""Translation files beside their sources, and whether each still translates the current source.

A translation names its source (`translation_of: quizzes/intro.yml`) and the version it translates
(`source_sha:` the Git blob hash of the source file, `git hash-object FILE`). When the source
changes, the hash no longer matches: `academy validate` warns with the sections that changed, and
the page says "this translation may be out of date" until `source_sha` is set to the new hash
(`academy translations --mark-current FILE`).
"""

from __future__ import annotations

import hashlib
import re
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..core.problems import Problems
from ..core.source import Node, load_markdown, load_yaml
from .languages import KNOWN, Languages, split_suffix

#: Fields a translation file carries about itself, not translated text.
HEADER = ("translation_of", "source_sha")


@dataclass(frozen=True)
class Kind:
    """One sort of translatable source: where its files are and what they end in."""

    name: str
    #: Folder relative to the project root (content pages: any depth below it).
    folder: str
    suffix: str
    recursive: bool = False


@dataclass(frozen=True)
class Translation:
    """One translation file and the state of its source."""

    path: Path
    language: str
    kind: str
    #: The source file the translation belongs beside (`principles.md` for `principles.nl.md`).
    source: Path
    #: The source as the project root names it (`content/guidelines/principles.md`).
    source_rel: str
    recorded_sha: str | None
    sha_line: int
    #: Git blob hash of the source as it is now; None when the source is missing.
    current_sha: str | None

    @property
    def current(self) -> bool:
        return self.current_sha is not None and self.recorded_sha == self.current_sha

    @property
    def stem(self) -> str:
        """The source's id: file name without language and extension."""
        return split_suffix(self.path)[0]


def kinds(content: str = "content", curriculum: str = "curriculum", quizzes: str = "quizzes") -> tuple[Kind, ...]:
    """Every translatable sort of file, for a project's folder layout."""
    return (
        Kind("page", content, ".md", recursive=True),
        Kind("module", f"{curriculum}/modules", ".md"),
        Kind("track", f"{curriculum}/tracks", ".yml"),
        Kind("certificate", f"{curriculum}/certificates", ".yml"),
        Kind("exam", f"{curriculum}/exams", ".yml"),
        Kind("quiz", quizzes, ".yml"),
    )


def blob_sha(data: bytes) -> str:
    """Git's blob hash of a file's bytes (what `git hash-object` prints), so git can show that version."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()  # noqa: S324 - Git's object id, not security


def discover(
    root: Path, languages: Languages, problems: Problems, layout_kinds: Iterable[Kind] | None = None
) -> list[Translation]:
    """Every translation file below `root`, each header checked; problems (file:line, fix) go to `problems`.

    Errors: an unknown language code, a missing source, a missing or wrong `translation_of`, a missing
    `source_sha`. Warnings: a language not in `languages:` (its files are not built), and a source
    changed since the translation (with the sections that changed).
    """
    found: list[Translation] = []
    for kind in layout_kinds or kinds():
        folder = root / kind.folder
        if not folder.is_dir():
            continue
        paths = folder.rglob(f"*{kind.suffix}") if kind.recursive else folder.glob(f"*{kind.suffix}")
        for path in sorted(paths):
            stem, code = split_suffix(path)
            if code is None:
                continue
            translation = _read(path, stem, code, kind, root, languages, problems)
            if translation is not None:
                found.append(translation)
    return found


def _read(
    path: Path, stem: str, code: str, kind: Kind, root: Path, languages: Languages, problems: Problems
) -> Translation | None:
    if code not in KNOWN:
        problems.add(
            path,
            1,
            f'"{code}" in the file name is not a language code the academy knows',
            f"name a translation NAME.CODE{kind.suffix} with a two-letter language code ({', '.join(sorted(KNOWN))}), "
            "or remove the dot from the file name",
        )
        return None
    source = path.with_name(stem + kind.suffix)
    source_rel = source.relative_to(root).as_posix()
    meta = _header(path, kind)
    if meta is None:
        problems.add(path, 1, "the translation's header cannot be read", f"start it with translation_of: {source_rel}")
        return None
    if code == languages.source:
        problems.add(
            path,
            1,
            f'"{code}" is the source language, so this file translates nothing',
            f"merge it into {source_rel} and delete it, or change the language code in its name",
        )
        return None
    if code not in languages.codes:
        problems.warn(
            path,
            1,
            f'language "{code}" is not in languages: of site_config/site.yml, so this translation is not built',
            f"add {code} to languages: (now [{', '.join(languages.codes)}]), or remove the file",
        )
    named = meta.get("translation_of")
    if named is None:
        problems.add(
            path, meta.line or 1, "the translation does not say what it translates", f"add translation_of: {source_rel}"
        )
    elif named != source_rel:
        problems.add(
            path,
            meta.line_of("translation_of"),
            f'translation_of is "{named}", but a translation sits beside its source and is named after it: '
            f"this file translates {source_rel}",
            f"set translation_of: {source_rel}, or rename the file after its source",
        )
    current = blob_sha(source.read_bytes()) if source.is_file() else None
    if current is None:
        problems.add(
            path,
            meta.line_of("translation_of") if named is not None else 1,
            f"the source {source_rel} does not exist",
            "rename the translation after its source (NAME.CODE"
            + kind.suffix
            + "), or delete it if the source was removed",
        )
    recorded = meta.get("source_sha")
    if recorded is not None and not isinstance(recorded, str):
        recorded = str(recorded)
    if recorded is None:
        problems.add(
            path,
            meta.line or 1,
            "the translation does not record which version of its source it translates",
            f"add source_sha: {current or 'HASH'} (git hash-object {source_rel})",
        )
    translation = Translation(
        path, code, kind.name, source, source_rel, recorded, meta.line_of("source_sha") if recorded else 1, current
    )
    if recorded is not None and current is not None and not translation.current:
        changed = changed_sections(root, recorded, source, kind)
        what = f" (changed: {', '.join(changed)})" if changed else ""
        problems.warn(
            path,
            translation.sha_line,
            f"this translation may be out of date: {source_rel} changed since the version it translates{what}",
            f"update the translation, then set source_sha: {current} "
            f"(or run academy translations --mark-current {path.relative_to(root).as_posix()})",
        )
    return translation


def _header(path: Path, kind: Kind) -> Node | None:
    """The translation's own fields (front matter of a page, the YAML mapping of a data file)."""
    scratch = Problems()  # the text is checked where it is used; here only the header matters
    if kind.suffix == ".md":
        source = load_markdown(path, scratch)
        return source.meta if source.readable else None
    data = load_yaml(path, scratch)
    return data if isinstance(data, Node) else None


def changed_sections(root: Path, old_sha: str, source: Path, kind: Kind) -> list[str]:
    """What changed in `source` since the version `old_sha`: headings of a page or module, question
    ids and fields of a YAML file; [] when Git does not know that version (the warning says only that
    the source changed)."""
    old = _git_blob(root, old_sha)
    if old is None:
        return []
    new = source.read_text(encoding="utf-8", errors="replace")
    split = _markdown_sections if kind.suffix == ".md" else _yaml_sections
    before, after = split(old), split(new)
    names = list(dict.fromkeys([*after, *before]))
    return [f'"{name}"' for name in names if before.get(name) != after.get(name)]


def _git_blob(root: Path, sha: str) -> str | None:
    if not re.fullmatch(r"[0-9a-f]{40}", sha):
        return None
    try:
        result = subprocess.run(
            ["git", "cat-file", "blob", sha], cwd=root, capture_output=True, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.decode("utf-8", "replace") if result.returncode == 0 else None


_HEADING = re.compile(r"^(#{1,3})\s+(.+?)\s*(?:\{[^}]*\})?\s*$")


def _markdown_sections(text: str) -> dict[str, str]:
    """Text per heading ("front matter" for what comes before the first)."""
    sections: dict[str, list[str]] = {"front matter": []}
    name = "front matter"
    fence = False
    for line in text.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        match = None if fence else _HEADING.match(line)
        if match:
            name = match[2]
            sections.setdefault(name, [])
        else:
            sections[name].append(line.rstrip())
    return {k: "\n".join(v).strip() for k, v in sections.items()}


_QUESTION = re.compile(r"^\s*-\s+id:\s*['\"]?([\w.-]+)")
_TOP = re.compile(r"^([A-Za-z_][\w-]*):")


def _yaml_sections(text: str) -> dict[str, str]:
    """Text per question (`- id: X`) or top-level field of a YAML source."""
    sections: dict[str, list[str]] = {}
    name = ""
    for line in text.splitlines():
        question = _QUESTION.match(line)
        top = _TOP.match(line)
        if question:
            name = f"question {question[1]}"
        elif top and top[1] != "questions":
            name = top[1]
        sections.setdefault(name, []).append(line.rstrip())
    sections.pop("", None)
    return {k: "\n".join(v).strip() for k, v in sections.items()}


def check_translations(
    root: Path, site_file: Path, problems: Problems, layout_kinds: Iterable[Kind] | None = None
) -> list[Translation]:
    """`academy validate`'s translation checks: languages, headers, currency, structure, strings."""
    from .languages import load_languages
    from .strings import check_strings
    from .structure import check_structure

    languages = load_languages(site_file, problems)
    found = discover(root, languages, problems, layout_kinds)
    for translation in found:
        if translation.kind in {"quiz", "exam"} and translation.current_sha is not None:
            check_structure(translation, problems)
    check_strings(languages, problems, site_file, root / "mkdocs.yml")  # its nav labels, in each language
    return found


def mark_current(path: Path, sha: str) -> bool:
    """Set the `source_sha:` line of a translation to `sha`; False when the file has no such line."""
    text = path.read_text(encoding="utf-8")
    new, count = re.subn(r"(?m)^source_sha:.*$", f"source_sha: {sha}", text, count=1)
    if not count:
        return False
    path.write_text(new, encoding="utf-8")
    return True
