"""Reading a workshop roster (`credentials/issue/roster.py`): every problem at once, at the line it is on."""

from __future__ import annotations

from pathlib import Path

import pytest

from academy.core.project import load_project
from academy.credentials.issue.awards import IssueError
from academy.credentials.issue.roster import from_roster


def _read(project: Path, text: str) -> list[str]:
    """The problems `from_roster` reports for a roster of `text` (empty when it is accepted)."""
    path = project / "roster.csv"
    path.write_text(text, encoding="utf-8")
    try:
        from_roster(load_project(project), path, "basics-certificate", "2026-01-05")
    except IssueError as error:
        return [p.removeprefix(f"{path}") for p in error.problems]
    return []


def test_problems_are_reported_together_at_the_line_each_row_begins(project: Path) -> None:
    text = (
        "name;email\n"  # a spreadsheet's separator
        "\n"
        '"Ada\nLovelace";not-an-address\n'  # a quoted name over two lines: the row begins on line 3
        "Grace;grace@example.org;extra\n"
        "Linus;linus@example.org\n"
        "Linus T;LINUS@example.org\n"
    )
    assert _read(project, text) == [
        ':3: email "not-an-address" is not an e-mail address — correct it',
        ":5: 3 fields but the header has 2 — check for a missing or extra separator, or quote a name that contains one",
        ":7: linus@example.org is already on line 6 — list each attendee once",
    ]


def test_the_awards_say_who_attended_which_workshop_and_where_they_came_from(project: Path) -> None:
    path = project / "roster.csv"
    path.write_bytes("\ufeffName,E-mail\nAda Lovelace, ada@example.org \n".encode())  # BOM, header in any case
    (award,) = from_roster(load_project(project), path, "basics-certificate", "2026-01-05")
    assert (award.recipient.name, award.recipient.email) == ("Ada Lovelace", "ada@example.org")
    assert award.origin == f"{path}:2" and award.source == "roster"
    assert award.assessment is not None and "2026-01-05" in award.assessment.narrative


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", ": the file is empty — write a header line name,email and one line per attendee"),
        ("name,email\n\n", ": no attendees below the header — add one line per attendee"),
        ("who,where\nAda,ada@example.org\n", ":1: the first line must name the columns name and email (found: who, where)"),
        ('name,email\nAda,ada@example.org\n"Bob,bob@example.org\n', ":3: malformed CSV"),
    ],
)
def test_a_roster_without_attendees_is_refused(project: Path, text: str, problem: str) -> None:
    (said,) = _read(project, text)
    assert said.startswith(problem)
