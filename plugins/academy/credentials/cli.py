"""What the issuer's commands do: `keys`, `issue`, `review`, `ledger`, `revoke`, `reissue` and `verify`.

The commands' options are declared in `academy.commands` (one module per verb), which calls
these handlers with the parsed values as `args` (plus `args.root` and `args.parser`, whose
`error()` is a usage error). Every handler returns the exit code: 0 done, 1 refused or invalid
(one line per problem on stderr: file, what is wrong, how to fix it), 2 wrong usage.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, TextIO

from academy.commands.progress import Progress

from . import dates
from .store.files import write_atomic
from .store.ledger import DEFAULT_LEDGER, Entry, Ledger, LedgerError

if TYPE_CHECKING:  # imported where used, so that each command loads only what it needs
    from academy.core.layout import Layout
    from academy.core.project import Project
    from academy.core.site import SiteConfig

    from .crypto.keys import KeyStore
    from .issue.issuer import Award, Issued, Issuer
    from .issue.requests import Intake
    from .verify.verifier import Report

#: The parsed options of one command, as `academy.commands.base.run` hands them over (plus `root`, `parser`).
Args = SimpleNamespace

#: Where `academy issue --requests` writes each learner's result: private, never in site/.
DEFAULT_RESULTS = ".academy/results"


def _error(command: str, *lines: str) -> int:
    for line in lines:
        print(f"academy {command}: {line}", file=sys.stderr)
    return 1


def _root(args: Args) -> Path:
    return Path(args.root).resolve()


def _layout(args: Args) -> Layout:
    """Where the project keeps its sources and issuer data: what its mkdocs.yml tells the build."""
    from academy.core.layout import read_layout

    return read_layout(_root(args))


def _site(args: Args, command: str) -> SiteConfig | None:
    """The site settings, or None after printing the problems."""
    from academy.core.problems import Problems
    from academy.core.site import load_site

    problems = Problems(_root(args))
    site = load_site(_root(args), problems, _layout(args))
    if site is None:
        _error(command, *(str(p) for p in problems))
    return site


def _ledger(args: Args) -> Ledger:
    if getattr(args, "ledger", None):
        return Ledger(Path(args.ledger).resolve())
    if os.environ.get("ACADEMY_LEDGER"):
        return Ledger(Path(os.environ["ACADEMY_LEDGER"]).resolve())
    return Ledger(_root(args) / DEFAULT_LEDGER)


def _show(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return str(path)


# keys -------------------------------------------------------------------------------------


def _key_store(args: Args, command: str) -> KeyStore | None:
    """The issuer's key store, or None when site.yml cannot name the issuer (reported)."""
    from .crypto.keys import KeyStore

    site = _site(args, command)
    return None if site is None else KeyStore(_root(args), site.issuer.id, _layout(args).keys_file)


def _keys_generate(args: Args) -> int:
    from .crypto.keys import KeyStoreError

    store = _key_store(args, "keys generate")
    if store is None:
        return 1
    try:
        key = store.generate()
    except KeyStoreError as error:
        return _error("keys generate", str(error))
    root = _root(args)
    print(f"made {key.id}")
    print(f"  private key: {_show(store.private_path(key), root)} (owner-only; git-ignored; back it up somewhere safe)")
    print(f"  public key:  {_show(store.public_path, root)} (commit it: the site publishes it in {store.issuer_id})")
    return 0


def _keys_rotate(args: Args) -> int:
    from .crypto.keys import KeyStoreError

    store = _key_store(args, "keys rotate")
    if store is None:
        return 1
    try:
        retired, key = store.rotate()
    except KeyStoreError as error:
        return _error("keys rotate", str(error))
    for old in retired:
        print(
            f"retired {old.id} as of {dates.to_text(old.retired) if old.retired else '?'} "
            "(it stays published: certificates it signed keep verifying)"
        )
    print(f"made {key.id}: private key in {_show(store.private_path(key), _root(args))}")
    print(f"Next: commit {_show(store.public_path, _root(args))} and rebuild the site.")
    return 0


def _keys_list(args: Args) -> int:
    from .crypto.keys import KeyStoreError

    store = _key_store(args, "keys list")
    if store is None:
        return 1
    try:
        keys = store.public_keys()
    except KeyStoreError as error:
        return _error("keys list", str(error))
    if not keys:
        print("no keys yet: run `academy keys generate`")
    for key in keys:
        state = f"retired {dates.to_text(key.retired)}" if key.retired else "active"
        if key.revoked:
            state = f"REVOKED (compromised) {dates.to_text(key.revoked)}"
        private = "private key here" if store.private_path(key).is_file() else "no private key here"
        made = dates.to_text(key.created) if key.created else "?"
        print(f"{key.id}  {key.public_key_multibase}  created {made}  {state}  ({private})")
    return 0


def _keys_revoke(args: Args) -> int:
    from .crypto.keys import KeyStoreError

    store = _key_store(args, "keys revoke")
    if store is None:
        return 1
    try:
        revoked, new = store.revoke(args.key)
    except KeyStoreError as error:
        return _error("keys revoke", str(error))
    when = dates.to_text(revoked.revoked) if revoked.revoked else "?"
    print(f"revoked {revoked.id} as compromised on {when}: nothing it signed verifies once the site is rebuilt")
    if new is not None:
        print(f"made {new.id}: private key in {_show(store.private_path(new), _root(args))}")
    name = revoked.id.rsplit("#", 1)[-1]
    print(f"Next: academy reissue --key {name}, then commit {_show(store.public_path, _root(args))} and rebuild.")
    return 0


def _reissue_key(args: Args) -> int:
    from academy.core.project import load_project

    from .crypto.keys import KeyStoreError
    from .issue.issuer import IssueError, Issuer
    from .issue.reissue import reissue

    root = _root(args)
    try:
        issuer = Issuer(load_project(root), ledger=_ledger(args))
        done = reissue(issuer, args.key)
    except IssueError as error:
        return _error("reissue", *error.problems, "nothing was re-issued")
    except (KeyStoreError, LedgerError) as error:
        return _error("reissue", str(error), "nothing was re-issued")
    for item in done:
        new = item.new
        print(
            f"re-issued {item.old.id} as {new.entry.id} ({new.entry.certificate}, {new.entry.name}): "
            f"{_show(new.json_path, root)}, {_show(new.pdf_path, root)}"
        )
    print(f"{len(done)} re-issued; the old certificates are revoked as superseded.")
    if done:
        print(f"Send each learner their new .json and .pdf. Commit {_layout(args).issuer}/ and rebuild the site.")
    return 0


def _status_publish(args: Args) -> int:
    from academy.core.project import load_project

    from .crypto.keys import KeyStoreError
    from .issue.issuer import IssueError, Issuer

    root = _root(args)
    try:
        issuer = Issuer(load_project(root), ledger=_ledger(args))
        written = issuer.publish_status()
    except IssueError as error:
        return _error("status publish", *error.problems)
    except (KeyStoreError, LedgerError) as error:
        return _error("status publish", str(error))
    days = issuer.site.status_validity_days
    for path in written:
        print(f"signed {_show(path, root)}, valid for {days} days")
    if not written:
        print("the status lists are current; nothing to sign")
    else:
        status_dir = issuer.project.layout.status_dir
        print(f"Next: commit {status_dir}/ and rebuild the site, at least every {days // 2 or 1} days.")
    return 0


# issue ------------------------------------------------------------------------------------


def _issue(args: Args) -> int:
    from academy.core.placeholders import promote_placeholders
    from academy.core.project import load_project

    from .crypto.keys import KeyStoreError
    from .issue.issuer import IssueError, Issuer, from_roster

    if args.completion:
        return _error(
            "issue",
            "--completion: practice quizzes never earn a certificate, so completion records are not accepted any "
            "more — learners take the certificate's assessment on its exam page and hand in the certificate request: "
            "academy issue --requests FILES|FOLDER",
            "nothing was issued",
        )
    if args.roster and not args.certificate:
        args.parser.error("--roster needs --certificate ID: the certificate the workshop earns")
    if args.workshop_date and (dates.parse(f"{args.workshop_date}T00:00:00Z") is None or len(args.workshop_date) != 10):
        args.parser.error(f"--workshop-date {args.workshop_date}: write the day as YYYY-MM-DD")
    if args.requests:
        return _issue_requests(args)
    root = _root(args)
    project = load_project(root)
    promote_placeholders(project)  # no certificate on placeholder exam questions
    problems = list(project.problems)
    if problems:
        return _error(
            "issue",
            *(str(p) for p in problems),
            f"the project has {len(problems)} problem(s) — fix them (academy validate) before issuing;"
            " nothing was issued",
        )
    try:
        awards = from_roster(project, args.roster, args.certificate, args.workshop_date)
        issuer = Issuer(project, ledger=_ledger(args), out_dir=args.out.resolve() if args.out else None)
        with Progress("issuing") as progress:
            shown: set[str] = set()

            def written(result: Issued) -> None:
                """Say each certificate as soon as its files are on disk (a long run is not silent)."""
                shown.add(result.entry.id)
                for line, err in _issued_lines(result, root):
                    progress.echo(line, err=err)

            results = issuer.issue(awards, progress, reissue=args.reissue, written=written)
    except IssueError as error:
        return _error("issue", *error.problems, "nothing was issued")
    except (KeyStoreError, LedgerError) as error:
        return _error("issue", str(error), "nothing was issued")
    _recovered(issuer, "issue")
    for result in results:
        if result.entry.id not in shown:
            for line, err in _issued_lines(result, root):
                print(line, file=sys.stderr if err else sys.stdout)
    new = sum(1 for result in results if result.new)
    from academy.report.store import record_roster_groups

    # The roster's optional department and cohort columns, for the programme report.
    record_roster_groups(_ledger(args), args.roster, [(r.entry.id, r.entry.email) for r in results if r.new])
    print(f"{new} issued, {len(results) - new} already issued.")
    if new:
        print(
            f"Send each learner their .json and .pdf (and badge .png/.svg). Commit {_layout(args).issuer}/ when it"
            " changed, and rebuild the site."
        )
    return 0


def _issued_lines(result: Issued, root: Path) -> list[tuple[str, bool]]:
    """The lines (text, on stderr?) that say what `academy issue --roster` did for one person."""
    entry = result.entry
    files = f"{_show(result.json_path, root)}, {_show(result.pdf_path, root)}"
    if result.new:
        replaced = f" (supersedes {result.supersedes})" if result.supersedes else ""
        line = f"issued   {entry.id} {entry.certificate} to {entry.name} <{entry.email}>{replaced}: {files}"
    else:
        line = (
            f"existing {entry.id} {entry.certificate} of {entry.name} <{entry.email}>, issued {entry.issued}"
            f" ({entry.status()}): {files}"
        )
    return [(line, False), *((f"academy issue: warning: {w}", True) for w in result.warnings)]


# issue --requests and review ---------------------------------------------------------------


def _results_dir(args: Args, root: Path, command: str) -> Path | None:
    """The results folder; None (reported) when it is inside the built site."""
    folder = (args.results or root / DEFAULT_RESULTS).resolve()
    site = (root / "site").resolve()
    if folder == site or site in folder.parents:
        _error(command, f"--results {args.results}: results are personal data and must stay outside site/")
        return None
    return folder


def _intake(args: Args, command: str) -> tuple[Project, Intake] | int:
    """(project, Intake) ready to issue, or the exit code after printing why not."""
    from academy.core.placeholders import promote_placeholders
    from academy.core.project import load_project

    from .crypto.keys import KeyStoreError
    from .issue.issuer import IssueError, Issuer
    from .issue.requests import Intake
    from .store.attempts import Attempts

    root = _root(args)
    project = load_project(root)
    promote_placeholders(project)  # no certificate on placeholder exam questions
    problems = list(project.problems)
    if problems:
        return _error(
            command,
            *(str(p) for p in problems),
            f"the project has {len(problems)} problem(s) — fix them (academy validate) before issuing;"
            " nothing was issued",
        )
    results = _results_dir(args, root, command)
    if results is None:
        return 1
    ledger = _ledger(args)
    try:
        issuer = Issuer(project, ledger=ledger, out_dir=args.out.resolve() if args.out else None)
        issuer.keystore.signing_key()  # no key, no intake: nothing is recorded that cannot be issued
    except IssueError as error:
        return _error(command, *error.problems, "nothing was issued")
    except KeyStoreError as error:
        return _error(command, str(error), "nothing was issued")

    def issue_one(award: Award) -> tuple[str, tuple[Path, ...]]:
        (result,) = issuer.issue([award])
        return result.entry.id, (result.json_path, result.pdf_path)

    return project, Intake(project, Attempts(ledger), issue_one, results)


def _issue_requests(args: Args) -> int:
    from .crypto.keys import KeyStoreError
    from .issue.issuer import IssueError

    ready = _intake(args, "issue")
    if isinstance(ready, int):
        return ready
    _, intake = ready
    root = _root(args)
    try:
        outcomes = intake.process(args.requests)
    except (IssueError, KeyStoreError, LedgerError) as error:
        lines = error.problems if isinstance(error, IssueError) else [str(error)]
        return _error("issue", *lines, "the requests before this one were processed; run again to continue")
    counts: dict[str, int] = {}
    for outcome in outcomes:
        counts[outcome.kind] = counts.get(outcome.kind, 0) + 1
        attempt = outcome.attempt
        who = f"{attempt.name} <{attempt.email}> attempt {attempt.attempt}" if attempt else ""
        result = f"; result: {_show(outcome.result_path, root)}" if outcome.result_path else ""
        if outcome.kind == "refused":
            print(f"academy issue: {outcome.source}: {outcome.message}", file=sys.stderr)
        elif outcome.kind == "issued":
            files = ", ".join(_show(p, root) for p in outcome.files)
            print(f"issued   {outcome.source}: {attempt.certificate if attempt else ''} to {who}: {outcome.message}")
            print(f"         files: {files}{result}")
        else:
            label = {"failed": "failed  ", "held": "held    ", "duplicate": "seen    "}[outcome.kind]
            print(f"{label} {outcome.source}: {who}: {outcome.message}{result}")
    if not outcomes:
        return _error("issue", "no certificate requests found in " + ", ".join(map(str, args.requests)))
    order = ("issued", "failed", "held", "duplicate", "refused")
    names = {"duplicate": "already processed"}
    print(", ".join(f"{counts.get(k, 0)} {names.get(k, k)}" for k in order) + ".")
    if counts.get("issued"):
        issuer_dir = _layout(args).issuer
        print(f"Send each learner their result, .json and .pdf; commit {issuer_dir}/ when it changed; rebuild.")
    if counts.get("held"):
        print("Held requests wait for a decision: academy review")
    return 1 if counts.get("refused") else 0


def _review(args: Args) -> int:
    from .crypto.keys import KeyStoreError
    from .issue.issuer import IssueError
    from .store.attempts import Attempts

    if args.reason and not args.reject:
        args.parser.error("--reason goes with --reject")
    if args.all:
        try:
            every = Attempts(_ledger(args)).all(args.certificate)
        except LedgerError as error:
            return _error("review", str(error))
        for a in every:
            print(
                f"{a.short}  {a.received[:10]}  {a.certificate}  {a.name} <{a.email}>  attempt {a.attempt}  "
                f"{a.score:g} %  {a.outcome}{'  ' + a.credential if a.credential else ''}"
            )
        print(f"{len(every)} attempt(s).")
        return 0
    if not (args.approve or args.reject):
        try:
            held = Attempts(_ledger(args)).held()
        except LedgerError as error:
            return _error("review", str(error))
        for a in held:
            print(
                f"{a.short}  {a.certificate}  {a.name} <{a.email}>  attempt {a.attempt}  "
                f"{a.score:g} %  submitted {a.submitted}  from {a.source}\n            held: {a.note}"
            )
        hint = " Decide with --approve ID or --reject ID." if held else ""
        print(f"{len(held)} request(s) held for review.{hint}")
        return 0
    ready = _intake(args, "review")
    if isinstance(ready, int):
        return ready
    project, intake = ready
    wanted = args.approve or args.reject
    try:
        with intake.attempts.transaction() as book:
            found = [a for a in book.find(wanted) if a.outcome == "held"]
            if len(found) != 1:
                return _error(
                    "review",
                    f'{"no" if not found else "more than one"} held request has the id "{wanted}" — '
                    "list them with: academy review",
                )
            (attempt,) = found
            exam = project.exams.get(attempt.certificate)
            if exam is None:
                return _error("review", f'certificate "{attempt.certificate}" has no exam any more; nothing changed')
            if args.reject:
                reason = (args.reason or "rejected after review").strip()
                now = dates.to_text(dates.utcnow())
                attempt = book.update(attempt.id or 0, outcome="rejected", note=reason, decided=now)
        if args.reject:
            path = intake.write_result(exam, attempt)
            print(f"rejected {attempt.short}: {attempt.name} <{attempt.email}> attempt {attempt.attempt} ({reason})")
            print(f"result: {_show(path, _root(args))}")
            return 0
        with intake.attempts.transaction() as book:
            attempt = book.update(attempt.id or 0, decided=dates.to_text(dates.utcnow()))
        outcome = intake.finish(exam, attempt)
    except (IssueError, KeyStoreError, LedgerError) as error:
        return _error("review", *(error.problems if isinstance(error, IssueError) else [str(error)]))
    files = ", ".join(_show(p, _root(args)) for p in outcome.files)
    print(f"issued   {attempt.short}: {attempt.certificate} to {attempt.name} <{attempt.email}>: {outcome.message}")
    print(f"         files: {files}; result: {_show(outcome.result_path, _root(args)) if outcome.result_path else ''}")
    return 0


def _recovered(issuer: Issuer, command: str) -> None:
    """Say what the command finished or rolled back of an interrupted run before it."""
    for line in issuer.recovered.lines():
        print(f"academy {command}: {line}", file=sys.stderr)


# ledger -----------------------------------------------------------------------------------


def _entries(args: Args) -> list[Entry]:
    return _ledger(args).entries(person=args.person, certificate=args.certificate, year=args.year)


def _ledger_list(args: Args) -> int:
    try:
        entries = _entries(args)
    except LedgerError as error:
        return _error("ledger list", str(error))
    now = dates.utcnow()
    rows = [("issued", "certificate id", "certificate", "name", "e-mail", "valid until", "status")]
    rows += [
        (e.issued[:10], e.uuid, e.certificate, e.name, e.email, (e.valid_until or "-")[:10], e.status(now))
        for e in entries
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    print(f"{len(entries)} certificate(s).")
    return 0


EXPORT_COLUMNS = (
    "credential_id",
    "certificate",
    "title",
    "name",
    "email",
    "issued",
    "valid_from",
    "valid_until",
    "status",
    "revoked",
    "revoke_reason",
)


def _cell(value: object) -> str:
    """A CSV cell that a spreadsheet shows as text: formulas (=, +, -, @) are defused with a quote."""
    text = "" if value is None else str(value)
    return f"'{text}" if text[:1] in {"=", "+", "-", "@", "\t", "\r"} else text


def export_csv(entries: Sequence[Entry], at: datetime | None = None) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    for e in entries:
        row = (
            e.id,
            e.certificate,
            e.title,
            e.name,
            e.email,
            e.issued,
            e.valid_from,
            e.valid_until,
            e.status(at),
            e.revoked,
            e.revoke_reason,
        )
        writer.writerow([_cell(v) for v in row])
    return buffer.getvalue()


def _ledger_export(args: Args) -> int:
    try:
        text = export_csv(_entries(args))
    except LedgerError as error:
        return _error("ledger export", str(error))
    if args.output:
        write_atomic(args.output.resolve(), ("\ufeff" + text).encode("utf-8"), 0o600)
        print(f"wrote {text.count(chr(10)) - 1} certificate(s) to {args.output}")
    else:
        sys.stdout.write(text)
    return 0


# revoke -----------------------------------------------------------------------------------


def _revoke(args: Args) -> int:
    from academy.core.project import load_project

    from .crypto.keys import KeyStoreError
    from .issue.issuer import IssueError, Issuer

    project = load_project(_root(args))
    try:
        issuer = Issuer(project, ledger=_ledger(args))
        entry, already = issuer.revoke(args.id, args.reason)
    except IssueError as error:
        return _error("revoke", *error.problems)
    except (KeyStoreError, LedgerError) as error:
        return _error("revoke", str(error))
    _recovered(issuer, "revoke")
    if already:
        print(f"{entry.id} was already revoked on {entry.revoked} ({entry.revoke_reason}); nothing changed")
        return 0
    status = _show(issuer.status_path(entry.status_list), _root(args))
    print(f"revoked {entry.id} ({entry.certificate}, {entry.name}): {entry.revoke_reason}")
    print(f"Next: commit {status} and rebuild the site to publish the revocation.")
    return 0


def _reissue(args: Args) -> int:
    """`reissue ID --reason TEXT` or `reissue --key KEY`: exactly one of the two forms."""
    if (args.id is None) == (args.key is None):
        return _usage("reissue", "give a certificate ID (with --reason) or --key KEY, not both and not neither")
    if args.key is not None:
        return _reissue_key(args)
    if not args.reason:
        return _usage("reissue", "--reason TEXT is required with a certificate ID: say why, for the ledger")
    return _reissue_one(args)


def _usage(command: str, message: str) -> int:
    print(f"academy {command}: {message}", file=sys.stderr)
    return 2


def _reissue_one(args: Args) -> int:
    from academy.core.project import load_project

    from .crypto.keys import KeyStoreError
    from .issue.issuer import IssueError, Issuer

    root = _root(args)
    project = load_project(root)
    try:
        issuer = Issuer(project, ledger=_ledger(args), out_dir=args.out.resolve() if args.out else None)
        result = issuer.reissue(args.id, args.reason, args.name)
    except IssueError as error:
        return _error("reissue", *error.problems)
    except (KeyStoreError, LedgerError) as error:
        return _error("reissue", str(error))
    _recovered(issuer, "reissue")
    entry = result.entry
    print(
        f"issued   {entry.id} {entry.certificate} to {entry.name} <{entry.email}> (supersedes {result.supersedes}): "
        f"{_show(result.json_path, root)}, {_show(result.pdf_path, root)}"
    )
    status = _show(issuer.status_path(entry.status_list), root)
    print(f"Next: send the new files, commit {status} and rebuild the site.")
    return 0


def _ledger_check(args: Args) -> int:
    from academy.core.project import load_project

    from .crypto.keys import KeyStoreError
    from .issue.issuer import IssueError, Issuer
    from .store.ledgercheck import LedgerCheck

    try:
        ledger = _ledger(args)
        ledger.get("urn:uuid:-")  # says "no ledger at …" before anything else
        issuer = Issuer(load_project(_root(args)), ledger=ledger, out_dir=args.out.resolve() if args.out else None)
        checker = LedgerCheck(issuer)
        findings = checker.findings()
        if findings and args.repair:
            for line in checker.repair():
                print(f"repaired: {line}")
            findings = checker.findings()
    except IssueError as error:
        return _error("ledger check", *error.problems)
    except (KeyStoreError, LedgerError) as error:
        return _error("ledger check", str(error))
    for finding in findings:
        print(f"academy ledger check: {finding}", file=sys.stderr)
    if findings:
        hint = "" if args.repair else "; run `academy ledger check --repair` to mend the repairable ones"
        return _error("ledger check", f"{len(findings)} problem(s){hint}")
    print(f"the ledger, the issued files and the status lists agree ({_show(ledger.path, _root(args))})")
    return 0


# verify -----------------------------------------------------------------------------------


def _verify(args: Args) -> int:
    from .verify.schema import file_validator
    from .verify.verifier import (
        ProjectResolver,
        Report,
        Resolver,
        SiteResolver,
        Step,
        Verdict,
        Verifier,
        WebResolver,
        format_report,
    )

    at = None
    if args.at:
        at = dates.parse(args.at)
        if at is None:
            args.parser.error(f"--at {args.at}: write a date and time with zone, e.g. 2026-01-31T12:00:00Z")
    site = _site(args, "verify")
    if site is None:
        return 1
    resolver: Resolver
    if args.site:
        resolver = SiteResolver(args.site.resolve(), site.url)
    elif args.online:
        resolver = WebResolver(site.url)
    else:
        resolver = ProjectResolver(_root(args), site, _layout(args))
    schema = None
    if args.ob3_schema:
        try:
            schema = file_validator(args.ob3_schema.resolve())
        except (OSError, ValueError) as error:
            return _error("verify", f"{args.ob3_schema}: cannot read the schema ({error})")
    verifier = Verifier(resolver, at=at, schema_validator=schema, all_proofs=getattr(args, "all_proofs", False))
    # A name with a lone surrogate or a terminal that is not UTF-8 must not stop the batch.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    inputs = _inputs(args.inputs)
    # A folder is a batch (HR checking what applicants sent): one table row per certificate.
    table = not (args.json or args.quiet) and any(Path(v).is_dir() for v in args.inputs if "://" not in v)
    reports: list[Report] = []
    with Progress("verifying") as progress:
        for done, (source, data) in enumerate(inputs, 1):
            if data is None:
                report = Report(source, Verdict.CANNOT_CHECK, [Step("format", False, "cannot read it")])
            elif isinstance(data, str):
                report = verifier.check_text(data, source)
            else:
                report = verifier.check_bytes(data, source)
            reports.append(report)
            if not (args.json or table):
                progress.echo(format_report(report, verbose=not args.quiet))
            progress(done, len(inputs))
    if args.json:
        print(json.dumps([r.to_json() for r in reports], ensure_ascii=False, indent=2))
    elif table:
        print(verdict_table(reports))
    if args.csv:
        write_atomic(args.csv.resolve(), ("\ufeff" + verdicts_csv(reports)).encode("utf-8"), 0o600)
        print(f"wrote {len(reports)} verdict(s) to {args.csv}", file=sys.stderr if args.json else sys.stdout)
    if len(reports) > 1 and not args.json:
        counts: dict[str, int] = {}
        for report in reports:
            counts[report.verdict] = counts.get(report.verdict, 0) + 1
        print(f"{len(reports)} checked: " + ", ".join(f"{n} {v}" for v, n in sorted(counts.items())))
    if len(reports) > 1:  # one certificate's own steps say it already
        _note_unchecked(reports, sys.stderr if args.json else sys.stdout)
    return 0 if reports and all(r.valid for r in reports) else 1


def _note_unchecked(reports: Sequence[Report], stream: TextIO) -> None:
    """Say which proofs were left unchecked (the RDFC proof beside a JCS one, without --all-proofs)."""
    from .verify.verifier import COVERING, NOT_CHECKED_HINT

    suites = sorted({s for r in reports for s in r.unchecked})
    if suites:
        count = sum(1 for r in reports if r.unchecked)
        print(
            f"not checked: the {', '.join(suites)} proof of {count} certificate(s), beside their {COVERING} proof, "
            f"which signs the same claims ({NOT_CHECKED_HINT})",
            file=stream,
        )


VERDICT_COLUMNS = ("source", "verdict", "name", "achievement", "credential_id", "valid_from", "valid_until", "reason")


def _verdict_row(report: Report) -> tuple[str, ...]:
    return (
        report.source,
        str(report.verdict),
        report.name or "",
        report.achievement or "",
        report.credential_id or "",
        report.valid_from or "",
        report.valid_until or "",
        report.reason,
    )


def verdict_table(reports: Sequence[Report]) -> str:
    """The verdicts as an aligned table for a terminal (certificate texts made safe to print)."""
    from .verify.verifier import _safe

    rows: list[tuple[str, ...]] = [("file", "verdict", "name", "achievement", "valid until", "why not valid")]
    for report in reports:
        source, verdict, name, achievement, _id, _from, until, reason = _verdict_row(report)
        rows.append(
            (Path(source).name if "://" not in source else source, verdict, name, achievement, until[:10], reason)
        )
    rows = [tuple(_safe(cell) for cell in row) for row in rows]
    widths = [min(max(len(row[i]) for row in rows), 48) for i in range(len(rows[0]) - 1)]
    return "\n".join(
        ("  ".join(cell[:width].ljust(width) for cell, width in zip(row[:-1], widths, strict=True)) + "  " + row[-1])
        .rstrip()
        for row in rows
    )


def verdicts_csv(reports: Sequence[Report]) -> str:
    """The verdicts as CSV (one line per certificate; spreadsheet formulas defused)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(VERDICT_COLUMNS)
    for report in reports:
        writer.writerow([_cell(v) for v in _verdict_row(report)])
    return buffer.getvalue()


def _folder(path: Path) -> list[Path]:
    """The certificates in a folder: every .json, and each badge image (.png, .svg) that has no .json
    of the same name beside it (issuance writes the same credential as .json, .png and .svg)."""
    entries = sorted((p for p in path.iterdir() if p.is_file()), key=lambda p: p.name)  # as Paths sort, faster
    stems = {p.stem for p in entries if p.suffix.lower() == ".json"}
    return [
        p
        for p in entries
        if p.suffix.lower() == ".json" or (p.suffix.lower() in {".png", ".svg"} and p.stem not in stems)
    ]


def _inputs(values: Sequence[str]) -> list[tuple[str, str | bytes | None]]:
    """(source, link text, file bytes, or None when unreadable) for each file, folder entry, link or URL."""
    from .documents.summary import PREFIX
    from .verify.verifier import MAX_INPUT, ResolveError, fetch

    found: list[tuple[str, str | bytes | None]] = []
    for value in values:
        if value.startswith(("https://", "http://")):
            if f"#{PREFIX}" in value:
                found.append((value, value))
                continue
            try:
                found.append((value, fetch(value)))
            except ResolveError as error:
                print(f"academy verify: {error}", file=sys.stderr)
                found.append((value, None))
            continue
        path = Path(value)
        files = _folder(path) if path.is_dir() else [path]
        for file in files:
            try:
                with file.open("rb") as handle:
                    # One more byte than accepted: the verifier then says the file is too large.
                    found.append((str(file), handle.read(MAX_INPUT + 1)))
            except OSError as error:
                print(f"academy verify: {file}: cannot read it ({error.strerror or error})", file=sys.stderr)
                found.append((str(file), None))
    return found
