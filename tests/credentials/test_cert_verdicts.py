"""Every attack and verdict, through the Python API and through `academy verify` (the page uses the same cases)."""

from __future__ import annotations

import copy
import json
import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from academy.core.project import load_project
from academy.credentials import dates
from academy.credentials.crypto.proof import proofs_of
from academy.credentials.documents.profile import issuer_document, load_keys
from academy.credentials.verify.verifier import ProjectResolver, SiteResolver, Verdict, Verifier
from support.certkit import PROJECT, academy
from support.verdicts import VerdictCase, make_verdict_cases


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[VerdictCase]]:
    project = tmp_path_factory.mktemp("cases") / "project"
    shutil.copytree(PROJECT, project)
    return project, make_verdict_cases(project)


def verifier(project: Path) -> Verifier:
    loaded = load_project(project)
    return Verifier(ProjectResolver(loaded.root, loaded.site))


def check(v: Verifier, case: VerdictCase) -> Verdict:
    if case.file:
        return v.check_bytes(case.file.read_bytes(), case.name).verdict
    assert case.link is not None
    return v.check_text(case.link, case.name).verdict


def test_the_cases_cover_every_verdict_and_every_attack(made: tuple[Path, list[VerdictCase]]) -> None:
    _, cases = made
    assert {c.verdict for c in cases} == {str(v) for v in Verdict}
    names = {c.name for c in cases}
    for attack in [
        "tampered",
        "wrong-key",
        "unknown-issuer",
        "issuer-key-mismatch",
        "wrong-cryptosuite",
        "wrong-purpose",
        "no-proof",
        "two-proofs",
        "revoked",
        "expired",
        "not-yet-valid",
        "truncated-status-list",
        "tampered-status-list",
        "valid-markup-name",
        "valid-rtl-name",
        "retired-key",
        "link-tampered",
        "unsupported-proof-type",
        "valid-rdfc-only",
        "future-proof",
        "jwt",
        "duplicate-key",
        "deep-nesting",
        "lone-surrogate-name",
        "baked-png",
        "baked-svg",
        "baked-tampered-png",
        "image-without-credential",
        "stale-status-list",
    ]:
        assert attack in names


def test_every_case_gets_its_verdict_from_the_api(made: tuple[Path, list[VerdictCase]]) -> None:
    project, cases = made
    v = verifier(project)
    assert {c.name: str(check(v, c)) for c in cases} == {c.name: c.verdict for c in cases}


def test_every_case_gets_its_verdict_from_the_cli(made: tuple[Path, list[VerdictCase]]) -> None:
    project, cases = made
    inputs = [str(c.file) if c.file else str(c.link) for c in cases]
    result = academy("verify", "--json", *inputs, cwd=project)
    assert result.returncode == 1, result.stderr  # some are not valid
    reports = json.loads(result.stdout)
    assert [r["verdict"] for r in reports] == [c.verdict for c in cases]


def test_the_cli_exits_0_only_when_every_certificate_is_valid(made: tuple[Path, list[VerdictCase]]) -> None:
    project, cases = made
    valid = [str(c.file) for c in cases if c.verdict == "valid" and c.file]
    ok = academy("verify", *valid, cwd=project)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    for name in ["revoked", "expired", "not-yet-valid", "tampered", "unknown-issuer", "truncated-status-list"]:
        case = next(c for c in cases if c.name == name)
        assert academy("verify", "-q", str(case.file), cwd=project).returncode == 1, name


def test_the_cli_prints_every_step(made: tuple[Path, list[VerdictCase]]) -> None:
    project, cases = made
    expired = next(c for c in cases if c.name == "expired")
    result = academy("verify", str(expired.file), cwd=project)
    lines = result.stdout.splitlines()
    steps = [
        line.split(":")[0].strip()
        for line in lines
        if line.startswith("  ") and ":" in line and not line.startswith("  verdict")
    ]
    assert steps[1:] == [
        "ok   format",
        "ok   schema",
        "ok   proof",
        "ok   issuer",
        "ok   key",
        "ok   signature",
        "ok   key validity",
        "FAIL dates",
        "--   status",
    ]
    assert lines[-1] == "  verdict: expired"


def test_a_built_site_folder_gives_the_same_verdicts(made: tuple[Path, list[VerdictCase]], tmp_path: Path) -> None:
    """What the site build publishes (profile + status lists) serves verification as the project files do."""
    project, cases = made
    loaded = load_project(project)
    site = tmp_path / "site"
    (site / "issuer").mkdir(parents=True)
    keys = load_keys(project / "site_config/issuer/keys.json")
    (site / "issuer/profile.json").write_text(json.dumps(issuer_document(loaded.site, keys)))
    shutil.copytree(project / "site_config/issuer/status", site / "certificates/status")
    v = Verifier(SiteResolver(site, loaded.site.url))
    assert {c.name: str(check(v, c)) for c in cases} == {c.name: c.verdict for c in cases}
    result = academy("verify", "--site", site, "--json", *[str(c.file or c.link) for c in cases], cwd=project)
    assert [r["verdict"] for r in json.loads(result.stdout)] == [c.verdict for c in cases]


def test_cases_json_describes_every_case(made: tuple[Path, list[VerdictCase]]) -> None:
    project, cases = made
    folder = project / ".academy/verdict-cases"
    listed = json.loads((folder / "cases.json").read_text())
    assert [entry["name"] for entry in listed] == [c.name for c in cases]
    for entry in listed:
        assert (entry["file"] is None) != (entry["link"] is None)
        if entry["file"]:
            assert (folder / entry["file"]).is_file()


def test_a_single_proof_object_is_accepted(made: tuple[Path, list[VerdictCase]]) -> None:
    project, cases = made
    valid = json.loads(next(c for c in cases if c.name == "valid").file.read_text())  # type: ignore[union-attr]
    valid["proof"] = valid["proof"][0]
    assert verifier(project).check_credential(valid, "object").verdict is Verdict.VALID


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (["type"], ["VerifiableCredential"]),
        (["@context"], ["https://www.w3.org/ns/credentials/v2"]),
        (["credentialSubject", "achievement"], None),
        (["credentialStatus"], None),
        (["validFrom"], "yesterday"),
        (["id"], "not-a-uuid"),
    ],
)
def test_schema_failures_are_tampered(made: tuple[Path, list[VerdictCase]], path: list[str], value: object) -> None:
    project, cases = made
    credential = json.loads(next(c for c in cases if c.name == "valid").file.read_text())  # type: ignore[union-attr]
    target = credential
    for part in path[:-1]:
        target = target[part]
    if value is None:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    report = verifier(project).check_credential(credential, "changed")
    assert report.verdict is Verdict.TAMPERED
    assert report.steps[1].name == "schema" and report.steps[1].ok is False


def test_changing_any_signed_field_is_tampered(made: tuple[Path, list[VerdictCase]]) -> None:
    """Every leaf of the credential, changed in turn (keeping the schema happy), breaks the signature."""
    project, cases = made
    original = json.loads(next(c for c in cases if c.name == "valid").file.read_text())  # type: ignore[union-attr]
    v = verifier(project)
    changed_leaves = 0

    def leaves(node: object, path: tuple) -> list[tuple]:
        if isinstance(node, dict):
            return [p for k, child in node.items() for p in leaves(child, (*path, k))]
        if isinstance(node, list):
            return [p for i, child in enumerate(node) for p in leaves(child, (*path, i))]
        return [path]

    for path in leaves({k: val for k, val in original.items() if k != "proof"}, ()):
        credential = copy.deepcopy(original)
        target = credential
        for part in path[:-1]:
            target = target[part]
        old = target[path[-1]]
        if isinstance(old, bool):
            new: object = not old
        elif isinstance(old, str) and dates.parse(old):
            new = dates.to_text(dates.parse(old) - __import__("datetime").timedelta(seconds=1))  # type: ignore[operator]
        elif isinstance(old, str) and path[-1] == "statusListIndex":
            new = str(int(old) + 1)
        elif isinstance(old, str) and old.startswith("urn:uuid:"):
            new = old[:-1] + ("0" if old[-1] != "0" else "1")
        elif isinstance(old, str):
            new = old + "x"
        else:
            continue
        target[path[-1]] = new
        report = v.check_credential(credential, "/".join(map(str, path)))
        assert report.verdict in {Verdict.TAMPERED, Verdict.UNKNOWN_ISSUER}, (path, report.reason)
        changed_leaves += 1
    assert changed_leaves > 25


def test_the_status_list_is_checked_against_now_and_the_credential_against_at(
    made: tuple[Path, list[VerdictCase]],
) -> None:
    project, cases = made
    expired = next(c for c in cases if c.name == "expired")
    credential = json.loads(expired.file.read_text())  # type: ignore[union-attr]
    # A moment when it was valid, just after it was made and signed (a fixed time of day would fall
    # before both when the suite runs late in the day).
    made_at = max([credential["validFrom"]] + [p["created"] for p in proofs_of(credential)])
    moment = datetime.fromisoformat(made_at.replace("Z", "+00:00")) + timedelta(seconds=1)
    assert moment < datetime.fromisoformat(credential["validUntil"].replace("Z", "+00:00"))
    when = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    result = academy("verify", "--at", when, str(expired.file), cwd=project)
    assert result.returncode == 0, result.stdout
    assert academy("verify", "--at", "yesterday", str(expired.file), cwd=project).returncode == 2


def test_unreadable_inputs_cannot_be_checked(made: tuple[Path, list[VerdictCase]], tmp_path: Path) -> None:
    project, _ = made
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00junk")
    result = academy("verify", "-q", str(tmp_path / "missing.json"), str(binary), "[1, 2]", cwd=project)
    assert result.returncode == 1
    assert result.stdout.count("verdict: cannot-check") == 3


def test_a_link_for_another_site_is_an_unknown_issuer(made: tuple[Path, list[VerdictCase]]) -> None:
    project, cases = made
    link = next(c for c in cases if c.name == "link-valid").link
    assert link is not None
    other = "https://rogue.example/verify/#" + link.partition("#")[2]
    report = verifier(project).check_text(other, "rogue link")
    assert report.verdict is Verdict.UNKNOWN_ISSUER
