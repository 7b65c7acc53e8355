"""`academy keys|issue|ledger|revoke|verify` run as an issuer runs them, in a scratch project."""

from __future__ import annotations

import csv
import io
import json
import stat
import subprocess
from pathlib import Path

import pytest

from support.certkit import academy, record, tree, write_json

LEDGER = ".academy/ledger.sqlite3"
ISSUED = ".academy/issued"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# keys -------------------------------------------------------------------------------------


def test_keys_generate_writes_an_owner_only_private_key_outside_the_site(project: Path) -> None:
    result = academy("keys", "generate", cwd=project)
    assert result.returncode == 0, result.stderr
    private = project / ".academy/keys/key-1.pem"
    assert mode(project / ".academy") == 0o700 and mode(project / ".academy/keys") == 0o700
    assert mode(private) == 0o600
    assert (project / ".academy/.gitignore").read_text().splitlines()[-1] == "*"
    assert b"PRIVATE KEY" in private.read_bytes()
    keys = json.loads((project / "site_config/issuer/keys.json").read_text())
    assert keys == [
        {
            "id": "https://academy.test.example/issuer/profile.json#key-1",
            "type": "Multikey",
            "controller": "https://academy.test.example/issuer/profile.json",
            "publicKeyMultibase": keys[0]["publicKeyMultibase"],
            "created": keys[0]["created"],
        }
    ]
    assert keys[0]["publicKeyMultibase"].startswith("z6Mk")
    assert not any(b"PRIVATE" in data for data in tree(project / "site_config").values())


def test_git_ignores_the_private_folder(project: Path) -> None:
    academy("keys", "generate", cwd=project)
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    ignored = subprocess.run(
        ["git", "-C", str(project), "check-ignore", ".academy/keys/key-1.pem"], capture_output=True, text=True
    )
    assert ignored.returncode == 0 and ignored.stdout.strip() == ".academy/keys/key-1.pem"
    status = subprocess.run(
        ["git", "-C", str(project), "status", "--porcelain", "--untracked-files=all"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert ".academy" not in status and "site_config/issuer/keys.json" in status


def test_keys_generate_refuses_a_second_key(keyed: Path) -> None:
    result = academy("keys", "generate", cwd=keyed)
    assert result.returncode == 1
    assert "already has 1 key(s) — use `academy keys rotate`" in result.stderr


def test_keys_rotate_keeps_the_old_key_published_with_its_retirement(keyed: Path) -> None:
    result = academy("keys", "rotate", cwd=keyed)
    assert result.returncode == 0, result.stderr
    keys = json.loads((keyed / "site_config/issuer/keys.json").read_text())
    assert [k["id"].rsplit("#", 1)[1] for k in keys] == ["key-1", "key-2"]
    assert "retired" in keys[0] and "retired" not in keys[1]
    assert mode(keyed / ".academy/keys/key-2.pem") == 0o600
    listed = academy("keys", "list", cwd=keyed).stdout
    assert "#key-1" in listed and "retired" in listed and "#key-2" in listed and "active" in listed


def test_a_private_key_readable_by_others_is_refused(keyed: Path) -> None:
    (keyed / ".academy/keys/key-1.pem").chmod(0o644)
    (keyed / "roster.csv").write_text("name,email\nAda,ada@example.org\n")
    result = academy("issue", "--roster", "roster.csv", "--certificate", "alpha-only-certificate", cwd=keyed)
    assert result.returncode == 1
    assert "readable by other users (mode 644) — run: chmod 600" in result.stderr


def test_issuing_without_a_key_says_how_to_make_one(project: Path) -> None:
    (project / "roster.csv").write_text("name,email\nAda,ada@example.org\n")
    result = academy("issue", "--roster", "roster.csv", "--certificate", "alpha-only-certificate", cwd=project)
    assert result.returncode == 1
    assert "academy keys generate" in result.stderr and "nothing was issued" in result.stderr
    assert not (project / LEDGER).exists()


# completion records earn nothing ------------------------------------------------------------


def test_completion_records_are_refused_with_a_pointer_to_the_exam(keyed: Path) -> None:
    write_json(keyed / "alpha.json", record(keyed, "alpha"))
    write_json(keyed / "beta.json", record(keyed, "beta"))
    before = tree(keyed / ".academy"), tree(keyed / "site_config")
    result = academy("issue", "--completion", "alpha.json", "beta.json", cwd=keyed)
    assert result.returncode == 1
    assert "practice quizzes never earn a certificate" in result.stderr
    assert "academy issue --requests" in result.stderr and result.stderr.rstrip().endswith("nothing was issued")
    assert (tree(keyed / ".academy"), tree(keyed / "site_config")) == before
    assert "--completion" not in academy("issue", "--help", cwd=keyed).stdout


def test_a_project_with_problems_issues_nothing(keyed: Path) -> None:
    rule = keyed / "curriculum/certificates/alpha-only-certificate.yml"
    rule.write_text(rule.read_text().replace("modules: [alpha]", "modules: [gamma]"))
    (keyed / "roster.csv").write_text("name,email\nAda,ada@example.org\n")
    result = academy("issue", "--roster", "roster.csv", "--certificate", "alpha-only-certificate", cwd=keyed)
    assert result.returncode == 1 and 'module "gamma" does not exist' in result.stderr


# issue from a roster ----------------------------------------------------------------------


def roster(project: Path, text: str, certificate: str = "basics-certificate") -> subprocess.CompletedProcess[str]:
    (project / "roster.csv").write_text(text, encoding="utf-8")
    return academy("issue", "--roster", "roster.csv", "--certificate", certificate, cwd=project)


def test_a_roster_issues_to_every_attendee_names_kept_as_typed(keyed: Path) -> None:
    text = 'name,email\n"<script>alert(1)</script>",x@example.org\nمريم العربي,m@example.org\n"Lovelace, Ada",ADA@example.org\n'
    result = roster(keyed, text)
    assert result.returncode == 0, result.stderr
    assert "3 issued, 0 already issued." in result.stdout
    names = set()
    for path in (keyed / ISSUED).glob("*.json"):
        subject = json.loads(path.read_text())["credentialSubject"]
        names.add(subject["identifier"][0]["identityHash"])
        assert "example.org" not in path.read_text()  # the e-mail is only stored hashed
    assert names == {"<script>alert(1)</script>", "مريم العربي", "Lovelace, Ada"}
    again = roster(keyed, text)
    assert "0 issued, 3 already issued." in again.stdout


def test_a_semicolon_roster_from_a_spreadsheet_works(keyed: Path) -> None:
    result = roster(keyed, "\ufeffName;E-mail\nAda Lovelace;ada@example.org\n")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "roster.csv: the file is empty — write a header line name,email"),
        (
            "full name,mail\nAda,ada@example.org\n",
            "roster.csv:1: the first line must name the columns name and email (found: full name, mail)",
        ),
        ("name,email\nAda,ada@example.org,extra\n", "roster.csv:2: 3 fields but the header has 2"),
        (
            "name,email\nAda,not-an-address\n",
            'roster.csv:2: email "not-an-address" is not an e-mail address — correct it',
        ),
        ("name,email\n,ada@example.org\n", "roster.csv:2: name: the name is empty"),
        (
            "name,email\nAda,ada@example.org\nAda L.,ADA@example.org\n",
            "roster.csv:3: ada@example.org is already on line 2 — list each attendee once",
        ),
        ('name,email\n"Ada,ada@example.org\n', "roster.csv:2: malformed CSV"),
        ("name,email\n", "roster.csv: no attendees below the header"),
        (
            "name,email\nEve\u202eevil,eve@example.org\n",
            "roster.csv:2: name: the name contains invisible text-direction control characters",
        ),
        (
            "name,email\n" + "A" * 121 + ",long@example.org\n",
            "roster.csv:2: name: the name has 121 characters; at most 120 fit",
        ),
    ],
)
def test_a_malformed_roster_writes_nothing(keyed: Path, text: str, message: str) -> None:
    roster(keyed, "name,email\nFirst,first@example.org\n")
    before = tree(keyed / ".academy"), tree(keyed / "site_config")
    # A good attendee after the bad line: the whole list is refused all the same.
    good = "Zed,zed@example.org\n" if text.startswith("name,email\n") and text != "name,email\n" else ""
    result = roster(keyed, text + good)
    assert result.returncode == 1
    assert message in result.stderr, result.stderr
    assert (tree(keyed / ".academy"), tree(keyed / "site_config")) == before


def test_a_roster_that_is_not_text_is_refused(keyed: Path) -> None:
    (keyed / "roster.csv").write_bytes(b"name,email\n\xff\xfe\x00\x01\n")
    result = academy("issue", "--roster", "roster.csv", "--certificate", "basics-certificate", cwd=keyed)
    assert result.returncode == 1 and "not UTF-8 text — save the list as CSV UTF-8" in result.stderr


def test_roster_needs_a_certificate(keyed: Path) -> None:
    (keyed / "roster.csv").write_text("name,email\nAda,ada@example.org\n")
    result = academy("issue", "--roster", "roster.csv", cwd=keyed)
    assert result.returncode == 2 and "--roster needs --certificate ID" in result.stderr


# ledger, revoke ---------------------------------------------------------------------------


def test_ledger_list_and_export_filter_by_person_certificate_and_year(keyed: Path) -> None:
    roster(keyed, 'name,email\nAda Lovelace,ada@example.org\n"=HYPERLINK(""http://evil"")",eve@example.org\n')
    roster(keyed, "name,email\nAda Lovelace,ada@example.org\n", "alpha-only-certificate")
    listed = academy("ledger", "list", cwd=keyed)
    assert listed.returncode == 0 and "3 certificate(s)." in listed.stdout
    assert "issued      certificate id" in listed.stdout.splitlines()[0]
    ada = academy("ledger", "list", "--person", "lovelace", cwd=keyed).stdout
    assert "2 certificate(s)." in ada and "eve@" not in ada
    by_mail = academy("ledger", "list", "--person", "EVE@example.org", cwd=keyed).stdout
    assert "1 certificate(s)." in by_mail
    basics = academy("ledger", "export", "--csv", "--certificate", "basics-certificate", cwd=keyed).stdout
    rows = list(csv.reader(io.StringIO(basics)))
    assert rows[0] == [
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
    ]
    assert len(rows) == 3 and {r[1] for r in rows[1:]} == {"basics-certificate"}
    assert "'=HYPERLINK" in basics  # a spreadsheet shows it as text, never runs it
    year = rows[1][5][:4]
    assert "3 certificate(s)." in academy("ledger", "list", "--year", year, cwd=keyed).stdout
    assert "0 certificate(s)." in academy("ledger", "list", "--year", "1999", cwd=keyed).stdout
    out = academy("ledger", "export", "--csv", "--year", year, "-o", "hr.csv", cwd=keyed)
    assert out.returncode == 0 and mode(keyed / "hr.csv") == 0o600
    assert len((keyed / "hr.csv").read_text(encoding="utf-8-sig").strip().splitlines()) == 4


def test_ledger_path_from_option_and_environment(keyed: Path, tmp_path: Path) -> None:
    (keyed / "roster.csv").write_text("name,email\nAda,ada@example.org\n")
    elsewhere = tmp_path / "hr" / "ledger.db"
    result = academy(
        "issue", "--roster", "roster.csv", "--certificate", "basics-certificate", "--ledger", elsewhere, cwd=keyed
    )
    assert result.returncode == 0 and elsewhere.is_file() and not (keyed / LEDGER).exists()
    assert "1 certificate(s)." in academy("ledger", "list", cwd=keyed, env={"ACADEMY_LEDGER": str(elsewhere)}).stdout
    missing = academy("ledger", "list", cwd=keyed)
    assert missing.returncode == 1 and "no ledger at" in missing.stderr


def test_revoke_sets_the_bit_and_verify_then_says_revoked(keyed: Path) -> None:
    roster(keyed, "name,email\nAda,ada@example.org\nBob,bob@example.org\n")
    files = sorted((keyed / ISSUED).glob("*.json"))
    credential = json.loads(files[0].read_text())
    status = keyed / "site_config/issuer/status/revocation-1.json"
    before = status.read_text()
    result = academy("revoke", credential["id"].removeprefix("urn:uuid:"), "--reason", "left the company", cwd=keyed)
    assert result.returncode == 0, result.stderr
    assert "Next: commit site_config/issuer/status/revocation-1.json and rebuild the site" in result.stdout
    assert status.read_text() != before
    checked = academy("verify", "-q", *map(str, files), cwd=keyed)
    assert checked.returncode == 1
    assert checked.stdout.count("verdict: revoked") == 1 and checked.stdout.count("verdict: valid") == 1
    again = academy("revoke", credential["id"], "--reason", "twice", cwd=keyed)
    assert again.returncode == 0 and "already revoked" in again.stdout
    export = academy("ledger", "export", cwd=keyed).stdout
    assert "revoked" in export and "left the company" in export
    unknown = academy("revoke", "urn:uuid:00000000-0000-4000-8000-000000000000", "--reason", "x", cwd=keyed)
    assert unknown.returncode == 1 and "no certificate" in unknown.stderr


def test_keys_rotate_then_old_certificates_still_verify(keyed: Path) -> None:
    roster(keyed, "name,email\nAda,ada@example.org\n")
    assert academy("keys", "rotate", cwd=keyed).returncode == 0
    roster(keyed, "name,email\nBob,bob@example.org\n")
    result = academy("verify", "-q", ISSUED, cwd=keyed)
    assert result.returncode == 0, result.stdout
    status = json.loads((keyed / "site_config/issuer/status/revocation-1.json").read_text())
    assert status["proof"][0]["verificationMethod"].endswith("#key-2")


def test_the_progress_bar_draws_on_a_terminal() -> None:
    from academy.commands.progress import Progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    with Progress("issuing", screen) as bar:
        for done in range(1, 5):
            bar(done, 4)
            if done == 2:
                bar.echo("a line said while the bar runs")
    drawn = screen.getvalue()
    assert "issuing" in drawn and "2/4" in drawn and "4/4" in drawn.rsplit("\r", 1)[-1]
    assert drawn.endswith("\n"), "the finished bar leaves its line"
    assert "\r\033[K" in drawn, "the bar is cleared before a line is printed above it"
    quiet = io.StringIO()
    with Progress("issuing", quiet) as bar:
        bar(1, 4)
        bar(4, 4)
    assert quiet.getvalue() == ""
