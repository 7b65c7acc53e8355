"""What issuance takes and gives: an `Award` earned, the `Issued` certificate, and `IssueError`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from academy.errors import AcademyError

from ..documents import ob3
from ..store.ledger import Entry

if TYPE_CHECKING:
    from academy.core.curriculum import CertificateRule

#: Told `(done, total)` as each certificate of a batch is written.
Progress = Callable[[int, int], None]


class IssueError(AcademyError):
    """Issuance refused; `problems` holds one line per problem (file, what is wrong, how to fix)."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = list(problems)


@dataclass(frozen=True)
class Award:
    """A certificate someone has earned, before it is issued."""

    rule: CertificateRule
    recipient: ob3.Recipient
    source: str  # "exam" or "roster"
    source_key: str
    origin: str
    #: How it was earned, recorded in the credential (`evidence`, and `result` for an exam).
    assessment: ob3.Assessment | None = None
    #: The language to issue it in (a code of site.yml `languages:`); None: as `language.award_language` finds it.
    language: str | None = None


@dataclass
class Issued:
    """One certificate of a batch: new, or the one issued before."""

    entry: Entry
    json_path: Path
    pdf_path: Path
    new: bool
    warnings: list[str] = field(default_factory=list)
    supersedes: str | None = None  # the certificate this one replaces
