"""The prerequisite map's columns and the cycle check on long chains (no recursion limit).

A curriculum may chain hundreds of modules one after the other; both once recursed per module
and crashed with RecursionError near 300 modules (`prerequisite_map`) or 1,000 (the cycle check).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from academy.core.project import _check_prerequisite_cycles
from academy.plugins.curriculum.prerequisite_map import GAP_X, PAD, WIDTH, module_depths, prerequisite_map


@dataclass
class _Module:
    id: str
    prerequisites: list[str]
    track: str = "t"
    title: str = ""
    src: str = ""
    path: Path = Path("m.md")

    def line_of(self, key: str) -> int:
        return 3


@dataclass
class _Track:
    title: str = "Track"


@dataclass
class _Problems:
    found: list[tuple[Any, ...]] = field(default_factory=list)

    def add(self, *args: Any) -> None:
        self.found.append(args)


@dataclass
class _Project:
    modules: dict[str, _Module]
    tracks: dict[str, _Track] = field(default_factory=lambda: {"t": _Track()})
    problems: _Problems = field(default_factory=_Problems)

    def ordered_modules(self) -> list[_Module]:
        return list(self.modules.values())


def _chain(n: int) -> _Project:
    """m0 <- m1 <- ... : each module needs the one before; listed last first, the worst order."""
    ids = [f"m{i}" for i in range(n)]
    modules = {i: _Module(i, [ids[k - 1]] if k else [], title=i, src=f"{i}.md") for k, i in enumerate(ids)}
    return _Project(dict(reversed(modules.items())))


def test_a_1000_module_chain_gets_one_column_each() -> None:
    project = _chain(1000)
    depths = module_depths(project, list(project.modules))  # type: ignore[arg-type]
    assert depths == {f"m{i}": i for i in range(1000)}
    html = prerequisite_map(project, lambda src: src)  # type: ignore[arg-type]
    width = PAD * 2 + 1000 * (WIDTH + GAP_X) - GAP_X
    assert f'viewBox="0 0 {width} ' in html
    assert html.count('class="academy-map-node') == 1000


def test_depth_is_the_longest_chain_and_unknown_prerequisites_are_ignored() -> None:
    modules = {
        "a": _Module("a", []),
        "b": _Module("b", ["a"]),
        "c": _Module("c", ["b", "a"]),  # a diamond: the longer way counts
        "d": _Module("d", ["a", "c", "elsewhere"]),
        "e": _Module("e", ["elsewhere"]),
    }
    project = _Project(modules)
    assert module_depths(project, list(modules)) == {"a": 0, "b": 1, "c": 2, "d": 3, "e": 0}  # type: ignore[arg-type]
    # Only the modules on the map count: without "b", "c" follows "a" directly.
    assert module_depths(project, ["a", "c", "d"]) == {"a": 0, "c": 1, "d": 2}  # type: ignore[arg-type]


def test_a_cycle_that_reaches_the_map_ends() -> None:
    modules = {"a": _Module("a", ["c"]), "b": _Module("b", ["a"]), "c": _Module("c", ["b"])}
    depths = module_depths(_Project(modules), list(modules))  # type: ignore[arg-type]
    assert sorted(depths.values()) == [0, 1, 2]


def test_the_cycle_check_walks_a_1000_module_chain_and_reports_a_cycle_at_its_end() -> None:
    project = _chain(1000)
    _check_prerequisite_cycles(project)  # type: ignore[arg-type]
    assert project.problems.found == []
    project.modules["m0"].prerequisites = ["m999"]
    _check_prerequisite_cycles(project)  # type: ignore[arg-type]
    assert len(project.problems.found) == 1
    message = project.problems.found[0][2]
    assert message.startswith("prerequisite cycle: ") and message.count(" → ") == 1000
