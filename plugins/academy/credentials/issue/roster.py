"""Reading a trainer's workshop roster (CSV with `name` and `email` columns) into `Award`s.

An optional `language` column gives each attendee's certificate language (a code of site.yml
`languages:`; empty: the source language)."""

from __future__ import annotations

import csv
import io
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from .. import dates
from ..documents import ob3
from .awards import Award, IssueError

if TYPE_CHECKING:
    from academy.core.curriculum import CertificateRule
    from academy.core.project import Project


def from_roster(project: Project, path: Path, certificate: str, attended: str | None = None) -> list[Award]:
    """One award per attendee of a live workshop, from a CSV with `name` and `email` columns.

    The credentials say they are trainer-attested: "attended the live workshop on `attended`"
    (a date, YYYY-MM-DD; default today). Every problem of the file is reported at once.
    """
    rule = project.certificates.get(certificate)
    if rule is None:
        raise IssueError([unknown_certificate(project, certificate)])
    day = attended or dates.utcnow().date().isoformat()
    attested = ob3.Assessment("roster", f"trainer-attested: attended the live workshop on {day}")
    reading = _Reading(path, rule, attested, _languages(project))
    reading.read(_text(path))
    if reading.header is None:
        reading.problems.append(
            f"{path}: the file is empty — write a header line name,email and one line per attendee"
        )
    elif not reading.awards and not reading.problems:
        reading.problems.append(f"{path}: no attendees below the header — add one line per attendee")
    if reading.problems:
        raise IssueError(reading.problems)
    return reading.awards


def unknown_certificate(project: Project, certificate: str) -> str:
    known = ", ".join(sorted(project.certificates)) or "(none yet)"
    return f'certificate "{certificate}" does not exist in curriculum/certificates/ — use one of: {known}'


def _languages(project: Project) -> tuple[str, ...]:
    """The site's language codes (site.yml `languages:`, the source first)."""
    from academy.core.problems import Problems
    from academy.i18n.languages import load_languages

    return load_languages(project.root / project.layout.site_config / "site.yml", Problems()).codes


def _text(path: Path) -> str:
    """The roster's text (a BOM is dropped); refused when it is not a readable UTF-8 text file."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise IssueError([f"{path}: cannot read the file ({error.strerror}) — check the path"]) from error
    except UnicodeDecodeError as error:
        raise IssueError([f"{path}: not UTF-8 text — save the list as CSV UTF-8"]) from error
    if "\x00" in text:
        raise IssueError([f"{path}: contains NUL bytes, so it is not a CSV text file — export the list as CSV"])
    return text


class _Reading:
    """The state of reading one roster: its header, the awards so far and every problem found."""

    def __init__(
        self, path: Path, rule: CertificateRule, attested: ob3.Assessment, languages: tuple[str, ...] = ("en",)
    ) -> None:
        self.path, self.rule, self.attested, self.languages = path, rule, attested, languages
        self.header: list[str] | None = None
        self.awards: list[Award] = []
        self.problems: list[str] = []
        self.seen: dict[str, int] = {}  # e-mail -> the line it is on

    def read(self, text: str) -> None:
        """Read every row; a malformed CSV stops at the line it is on (the rows before still count)."""
        first = next((line for line in text.splitlines() if line.strip()), "")
        delimiter = max([",", ";", "\t"], key=first.count)  # the separator a spreadsheet chose
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        line = reader.line_num + 1  # where the next row begins: a quoted field may span lines
        try:
            while (row := next(reader, None)) is not None:
                self._row(row, line)
                line = reader.line_num + 1
        except csv.Error as error:
            self.problems.append(f"{self.path}:{line}: malformed CSV ({error}) — check the quotes on that line")

    def _row(self, row: list[str], line: int) -> None:
        if not any(cell.strip() for cell in row):
            return
        if self.header is None:
            self.header = _header(row, self.path, line)
            return
        if len(row) != len(self.header):
            self.problems.append(
                f"{self.path}:{line}: {len(row)} fields but the header has {len(self.header)} "
                "— check for a missing or extra separator, or quote a name that contains one"
            )
            return
        self._attendee(dict(zip(self.header, row, strict=True)), line)

    def _attendee(self, values: dict[str, str], line: int) -> None:
        where = f"{self.path}:{line}"
        try:
            name = ob3.clean_name(values["name"])
        except ValueError as error:
            self.problems.append(f"{where}: name: {error}")
            return
        try:
            email = ob3.clean_email(values["email"])
        except ValueError:
            self.problems.append(f'{where}: email "{values["email"].strip()}" is not an e-mail address — correct it')
            return
        if email in self.seen:
            self.problems.append(f"{where}: {email} is already on line {self.seen[email]} — list each attendee once")
            return
        language = values.get("language", "").strip().lower() or None
        if language is not None and language not in self.languages:
            self.problems.append(
                f'{where}: language "{language}" is not one of the site\'s languages ({", ".join(self.languages)}) '
                "— write one of them, or leave the cell empty for the source language"
            )
            return
        self.seen[email] = line
        key = f"roster:{self.rule.id}:{email}:{uuid.uuid4()}"
        self.awards.append(
            Award(self.rule, ob3.Recipient(name, email), "roster", key, where, self.attested, language=language)
        )


def _header(row: list[str], path: Path, line: int) -> list[str]:
    """The column names of the first non-empty row; refused without `name` and `email`."""
    header = [cell.strip().lower().replace("-", "") for cell in row]
    if "name" not in header or "email" not in header:
        found = ", ".join(c for c in header if c) or "nothing"
        raise IssueError(
            [
                f"{path}:{line}: the first line must name the columns name and email "
                f"(found: {found}) — add a header line: name,email"
            ]
        )
    return header
