"""Field checks against the published JSON Schemas, reported in a trainer's words.

The same schema files serve the YAML language server in editors, so what an
editor flags while typing and what `academy validate` reports never drift apart.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema_rs

from .problems import Problems, did_you_mean
from .source import Node, NodeList

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a set of 'field: value' lines",
    "null": "empty",
}


@cache
def load_schema(name: str) -> dict[str, Any]:
    """The JSON Schema `academy/schemas/<name>.schema.json`."""
    text = resources.files("academy").joinpath("schemas", f"{name}.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def _validator(name: str) -> Draft202012Validator:
    from jsonschema import Draft202012Validator  # imported on the first mistake only: it is slow to load

    return Draft202012Validator(load_schema(name))


@cache
def _fast_validator(name: str) -> jsonschema_rs.Validator:
    return jsonschema_rs.Draft202012Validator(load_schema(name))


@cache
def _definition_validator(schema: str, definition: str) -> jsonschema_rs.Validator:
    full = load_schema(schema)
    part = {"$schema": full.get("$schema"), "$defs": full.get("$defs", {}), "$ref": f"#/$defs/{definition}"}
    return jsonschema_rs.Draft202012Validator(part)


def is_valid_definition(data: Any, schema: str, definition: str) -> bool:
    """Whether `data` fits one part of a schema (`$defs/<definition>`), such as one quiz question."""
    return _definition_validator(schema, definition).is_valid(data)


def check(data: Any, schema: str, path: Path, problems: Problems, line: int | None = None) -> bool:
    """Check `data` against a schema; add one problem per mistake; True when there is none."""
    # Most files are valid: the compiled validator says so a hundred times faster, and the
    # Python one, whose errors carry what the trainer messages need, only runs on a mistake.
    if _fast_validator(schema).is_valid(data):
        return True
    errors = sorted(_validator(schema).iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    for error in errors:
        for at, message, fix in _explain(error, data):
            problems.add(path, at or line, message, fix)
    return not errors


def _line(data: Any, where: Sequence[Any]) -> int | None:
    """Line of the value at `where` (a JSON path) inside `data`."""
    line = getattr(data, "line", None)
    node = data
    for step in where:
        # Two branches, not one `or`: each narrows `node` and `step` to a pair that fits.
        if isinstance(node, Node) and isinstance(step, str) and step in node:  # noqa: SIM114
            line, node = node.line_of(step), node[step]
        elif isinstance(node, NodeList) and isinstance(step, int) and step < len(node):
            line, node = node.line_of(step), node[step]
        else:
            break
    return line


def _field(where: Sequence[Any]) -> str:
    """A JSON path as a trainer would say it: `questions[2].options[0].text`."""
    text = ""
    for step in where:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text or "the file"


def _explain(error: ValidationError, data: Any) -> list[tuple[int | None, str, str]]:
    where = list(error.absolute_path)
    field = _field(where)
    line = _line(data, where)
    schema = error.schema if isinstance(error.schema, dict) else {}
    # JSON values; the stubs also allow `Unset`, which an error raised by a validator never holds.
    kind: Any = error.validator
    wanted: Any = error.validator_value
    instance: Any = error.instance
    if kind == "additionalProperties" and isinstance(instance, dict):
        allowed = sorted(schema.get("properties", {}))
        found = []
        for key in instance:
            if key not in allowed:
                at = _line(data, [*where, key])
                hint = did_you_mean(key, allowed)
                found.append((at, f'unknown field "{key}"{hint}', f"use one of: {', '.join(allowed)}"))
        return found
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else str(wanted)
        about = schema.get("properties", {}).get(missing, {}).get("description", "")
        fix = f'add "{missing}: …"' + (f" ({about})" if about else "")
        place = f" in {field}" if where else ""
        return [(line, f'missing field "{missing}"{place}', fix)]
    if kind == "type":
        names = " or ".join(_TYPE_NAMES.get(str(t), str(t)) for t in (wanted if isinstance(wanted, list) else [wanted]))
        return [(line, f"{field} must be {names}, not {_show(instance)}", f"write {field} as {names}")]
    if kind == "enum":
        choices = ", ".join(map(str, wanted))
        hint = did_you_mean(str(instance), map(str, wanted))
        return [(line, f"{field} is {_show(instance)}{hint}, which is not allowed", f"use one of: {choices}")]
    if kind == "pattern":
        about = schema.get("description", "")
        return [
            (line, f"{field} {_show(instance)} has the wrong form", about or f"match {wanted}")
        ]
    if kind in {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"}:
        rel = {"minimum": "at least", "maximum": "at most", "exclusiveMinimum": "above", "exclusiveMaximum": "below"}
        return [(line, f"{field} is {instance}", f"use a value {rel[kind]} {wanted}")]
    if kind in {"minItems", "maxItems"}:
        bound = "at least" if kind == "minItems" else "at most"
        return [(line, f"{field} has {len(instance)} entries", f"give {bound} {wanted}")]
    if kind == "minLength":
        return [(line, f"{field} is empty", f"write {field}")]
    if kind == "uniqueItems":
        return [(line, f"{field} lists the same entry twice", "remove the repeated entry")]
    return [(line, f"{field}: {error.message}", "see CONTRIBUTING.md for the format")]


def _show(value: Any) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "empty"
    if isinstance(value, dict):
        return "a set of fields"
    if isinstance(value, list):
        return "a list"
    return str(value)
