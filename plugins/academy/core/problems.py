"""Problems an author can fix, each tied to a file and a line."""

from __future__ import annotations

import contextlib
import difflib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in a source file.

    `message` says what is wrong, `fix` how to put it right; both are written for
    a trainer, not a programmer.
    """

    path: str
    line: int
    message: str
    fix: str = ""
    #: "error" (validation fails) or "warning" (shown; validation still passes).
    severity: str = "error"

    def __str__(self) -> str:
        label = "warning: " if self.severity == "warning" else ""
        text = f"{self.path}:{self.line}: {label}{self.message}"
        return f"{text} — {self.fix}" if self.fix else text

    def annotation(self) -> str:
        """The problem as a GitHub Actions annotation, shown on the changed line of a PR."""
        text = f"{self.message} — {self.fix}" if self.fix else self.message
        # Workflow commands end at a newline and treat % specially.
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{self.severity} file={self.path},line={self.line}::{text}"


class Problems:
    """An ordered collection of problems, collected across all files of a project.

    Iterating, `len` and truth cover the errors only, which fail validation and the build;
    warnings (`warn`, `warnings`) are kept apart: shown to the trainer, never failing.
    """

    def __init__(self, root: Path | None = None) -> None:
        self.root = root
        self._items: list[Problem] = []
        self._warnings: list[Problem] = []

    def add(self, path: Path | str, line: int | None, message: str, fix: str = "") -> None:
        self._items.append(Problem(self.display(path), max(line or 1, 1), message, fix))

    def warn(self, path: Path | str, line: int | None, message: str, fix: str = "") -> None:
        """Record a warning: something a trainer should look at that does not stop the build."""
        self._warnings.append(Problem(self.display(path), max(line or 1, 1), message, fix, "warning"))

    def warnings(self) -> list[Problem]:
        return sorted(set(self._warnings), key=lambda p: (p.path, p.line, p.message))

    def promote(self, selected: Callable[[Problem], bool]) -> int:
        """Make the selected warnings errors (a command stricter than the build); how many were."""
        chosen = [w for w in self._warnings if selected(w)]
        self._warnings = [w for w in self._warnings if not selected(w)]
        self._items.extend(Problem(w.path, w.line, w.message, w.fix) for w in chosen)
        return len(set(chosen))

    def extend(self, problems: Iterable[Problem]) -> None:
        self._items.extend(problems)

    def display(self, path: Path | str) -> str:
        """A path as the author sees it: relative to the project root, with forward slashes."""
        path = Path(path)
        if self.root is not None:
            with contextlib.suppress(ValueError):
                path = path.resolve().relative_to(self.root.resolve())
        return path.as_posix()

    def __iter__(self) -> Iterator[Problem]:
        return iter(sorted(set(self._items), key=lambda p: (p.path, p.line, p.message)))

    def __len__(self) -> int:
        return len(set(self._items))

    def __bool__(self) -> bool:
        return bool(self._items)


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice most like `word`, if any is close enough to be a likely typo."""
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return match[0] if match else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A suggestion such as ' (did you mean "title"?)', or an empty string."""
    match = closest(word, choices)
    return f' (did you mean "{match}"?)' if match else ""
