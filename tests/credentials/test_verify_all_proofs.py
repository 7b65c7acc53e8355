"""`academy verify` checks the eddsa-jcs-2022 proof by default and eddsa-rdfc-2022 with --all-proofs.

The JCS proof signs every claim, so the default full check is that proof plus dates, issuer and
status; the RDFC proof beside it is checked for its purpose and key, its signature only with the
option, and every report says when it was not checked (HR reads that in the table too).
"""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from academy.core.project import load_project
from academy.credentials.crypto.canonical import dumps
from academy.credentials.verify.verifier import ProjectResolver, Verdict, Verifier
from support.certkit import PROJECT, academy
from support.verdicts import VerdictCase, make_verdict_cases

RDFC, JCS = "eddsa-rdfc-2022", "eddsa-jcs-2022"


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[VerdictCase]]:
    project = tmp_path_factory.mktemp("proofs") / "project"
    shutil.copytree(PROJECT, project)
    return project, make_verdict_cases(project)


def _case(cases: list[VerdictCase], name: str) -> VerdictCase:
    return next(c for c in cases if c.name == name)


def _valid(cases: list[VerdictCase]) -> dict[str, Any]:
    case = _case(cases, "valid")
    assert case.file is not None
    document: dict[str, Any] = json.loads(case.file.read_text(encoding="utf-8"))
    assert sorted(p["cryptosuite"] for p in document["proof"]) == [JCS, RDFC]
    return document


def _with_rdfc(document: dict[str, Any], **changes: str) -> dict[str, Any]:
    """`document` with only its eddsa-rdfc-2022 proof changed (the JCS proof stays genuine)."""
    changed = copy.deepcopy(document)
    for proof in changed["proof"]:
        if proof["cryptosuite"] == RDFC:
            proof.update(changes)
    return changed


def _forged_signature(document: dict[str, Any]) -> dict[str, Any]:
    rdfc = next(p for p in document["proof"] if p["cryptosuite"] == RDFC)
    value = rdfc["proofValue"]
    # Another base58btc character in the middle: still a well-formed signature, not the issuer's.
    middle = len(value) // 2
    forged = value[:middle] + ("2" if value[middle] != "2" else "3") + value[middle + 1 :]
    return _with_rdfc(document, proofValue=forged)


def _verifier(project: Path, *, all_proofs: bool = False) -> Verifier:
    loaded = load_project(project)
    return Verifier(ProjectResolver(loaded.root, loaded.site), all_proofs=all_proofs)


def test_the_default_checks_the_jcs_proof_and_reports_rdfc_as_not_checked(
    made: tuple[Path, list[VerdictCase]],
) -> None:
    project, cases = made
    report = _verifier(project).check_credential(_valid(cases), "valid")
    assert report.verdict is Verdict.VALID
    assert report.unchecked == [RDFC]
    steps = {s.name: s.detail for s in report.steps}
    assert f"checks {JCS}, purpose assertionMethod; {RDFC} not checked (academy verify --all-proofs" in steps["proof"]
    assert steps["signature"].startswith(f"the {JCS} proof matches every signed field; the {RDFC} proof is not checked")
    assert report.to_json()["notChecked"] == [RDFC]
    full = _verifier(project, all_proofs=True).check_credential(_valid(cases), "valid")
    assert full.verdict is Verdict.VALID and full.unchecked == []
    assert {s.name: s.detail for s in full.steps}["signature"] == f"the {JCS} and {RDFC} proofs match every signed field"


def test_a_forged_rdfc_signature_fails_with_all_proofs(made: tuple[Path, list[VerdictCase]]) -> None:
    project, cases = made
    forged = _forged_signature(_valid(cases))
    default = _verifier(project).check_credential(forged, "forged")
    assert default.verdict is Verdict.VALID and default.unchecked == [RDFC]  # what the JCS proof says holds
    full = _verifier(project, all_proofs=True).check_credential(forged, "forged")
    assert full.verdict is Verdict.TAMPERED
    assert f"its {RDFC} proof fails" in full.reason


@pytest.mark.parametrize(
    ("changes", "verdict", "with_all"),
    [
        ({"proofPurpose": "authentication"}, Verdict.TAMPERED, Verdict.TAMPERED),
        (
            {"verificationMethod": "https://rogue.example/issuer/profile.json#key-1"},
            Verdict.UNKNOWN_ISSUER,
            Verdict.UNKNOWN_ISSUER,
        ),
        # `created` is signed: with the option the signature step, before key validity, fails.
        ({"created": "2099-01-01T00:00:00Z"}, Verdict.NOT_YET_VALID, Verdict.TAMPERED),
    ],
)
def test_the_unchecked_rdfc_proof_still_needs_its_purpose_key_and_time(
    made: tuple[Path, list[VerdictCase]], changes: dict[str, str], verdict: Verdict, with_all: Verdict
) -> None:
    """Without --all-proofs only the RDFC signature is left out: what it claims about itself is checked."""
    project, cases = made
    changed = _with_rdfc(_valid(cases), **changes)
    assert _verifier(project).check_credential(changed, "changed").verdict is verdict
    assert _verifier(project, all_proofs=True).check_credential(changed, "changed").verdict is with_all


def test_an_rdfc_only_credential_has_its_proof_checked_by_default(made: tuple[Path, list[VerdictCase]]) -> None:
    project, cases = made
    v = _verifier(project)
    only = _case(cases, "valid-rdfc-only")
    assert only.file is not None
    report = v.check_bytes(only.file.read_bytes(), only.name)
    assert report.verdict is Verdict.VALID and report.unchecked == []
    relabelled = _case(cases, "relabelled-cryptosuite")  # a JCS signature claiming to be RDFC
    assert relabelled.file is not None
    assert v.check_bytes(relabelled.file.read_bytes(), relabelled.name).verdict is Verdict.TAMPERED


def test_every_case_gets_its_verdict_from_the_cli_with_all_proofs(made: tuple[Path, list[VerdictCase]]) -> None:
    project, cases = made
    inputs = [str(c.file) if c.file else str(c.link) for c in cases]
    result = academy("verify", "--all-proofs", "--json", *inputs, cwd=project)
    assert result.returncode == 1, result.stderr
    reports = json.loads(result.stdout)
    assert [r["verdict"] for r in reports] == [c.verdict for c in cases]
    assert all(r["notChecked"] == [] for r in reports)


def test_the_cli_says_what_it_did_not_check_and_the_option_checks_it(
    made: tuple[Path, list[VerdictCase]], tmp_path: Path
) -> None:
    project, cases = made
    folder = tmp_path / "received"
    folder.mkdir()
    (folder / "genuine.json").write_text(dumps(_valid(cases)), encoding="utf-8")
    (folder / "forged.json").write_text(dumps(_forged_signature(_valid(cases))), encoding="utf-8")
    one = academy("verify", folder / "forged.json", cwd=project)
    assert one.returncode == 0, one.stdout + one.stderr
    assert f"{RDFC} not checked (academy verify --all-proofs checks it)" in one.stdout
    table = academy("verify", folder, cwd=project)
    assert table.returncode == 0, table.stdout + table.stderr
    assert f"not checked: the {RDFC} proof of 2 certificate(s), beside their {JCS} proof" in table.stdout
    full = academy("verify", "--all-proofs", folder, cwd=project)
    assert full.returncode == 1
    assert "tampered" in full.stdout and "not checked" not in full.stdout
    helptext = academy("verify", "--help", cwd=project).stdout
    assert "--all-proofs" in helptext and "eddsa-rdfc-2022" in helptext
