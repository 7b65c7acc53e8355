"""Interoperability: JSON-LD safe mode for everything published, a third-party verifier, baked
badges, compromised keys and re-issue, status-list validity, and a batch that always finishes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from academy.core.project import load_project
from academy.credentials import dates
from academy.credentials.crypto import rdfc
from academy.credentials.crypto.keys import KeyStore
from academy.credentials.documents import baking
from academy.credentials.documents.profile import issuer_document, load_keys
from academy.credentials.issue.issuer import sign
from support.certkit import PROJECT, ROOT, academy
from support.verdicts import VerdictCase, make_verdict_cases

CONTEXTS = ROOT / "plugins/academy/credentials/crypto/contexts"
THIRD_PARTY = Path(__file__).with_name("third_party_verify.mjs")


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[VerdictCase]]:
    project = tmp_path_factory.mktemp("interop") / "project"
    shutil.copytree(PROJECT, project)
    return project, make_verdict_cases(project)


def profile_of(project: Path) -> dict[str, Any]:
    site = load_project(project).site
    return issuer_document(site, load_keys(project / "site_config/issuer/keys.json"))


def published(project: Path) -> dict[str, Any]:
    """Everything a verifier reads: the profile, every issued credential, every status list."""
    documents: dict[str, Any] = {"issuer/profile.json": profile_of(project)}
    for path in sorted((project / ".academy/issued").glob("*.json")):
        documents[path.name] = json.loads(path.read_text(encoding="utf-8"))
    for path in sorted((project / "site_config/issuer/status").glob("*.json")):
        try:
            documents[f"status/{path.name}"] = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            continue  # the fixture's deliberately truncated list
    return documents


def test_json_ld_expansion_drops_nothing_from_what_is_published(made: tuple[Path, list[VerdictCase]]) -> None:
    project, _ = made
    documents = published(project)
    assert len([n for n in documents if n.endswith(".json") and not n.startswith(("status/", "issuer/"))]) >= 8
    for name, document in documents.items():
        try:
            rdfc.expand(document)  # raises UnsafeDocument naming any undefined term or type
            for proof in document.get("proof", []):
                rdfc.expand({"@context": document["@context"], **proof})
        except rdfc.UnsafeDocument as error:
            pytest.fail(f"{name}: {error}")


def test_the_safe_mode_check_fails_on_what_the_old_profile_published(made: tuple[Path, list[VerdictCase]]) -> None:
    """The profile before this fix: Multikey context only (no assertionMethod), keys with `created`."""
    project, _ = made
    old = profile_of(project)
    old["@context"][-1] = "https://w3id.org/security/multikey/v1"
    with pytest.raises(rdfc.UnsafeDocument, match="assertionMethod"):
        rdfc.expand(old)
    created = profile_of(project)
    created["verificationMethod"][0]["created"] = "2025-01-01T00:00:00Z"
    with pytest.raises(rdfc.UnsafeDocument, match="created"):
        rdfc.expand(created)


def node_tools() -> str:
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules/jsonld-signatures").is_dir():
        message = "node or the npm test tools are missing: run make setup (needs npm)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return node


def test_digital_bazaars_verifier_accepts_both_proofs_and_rejects_a_tampered_copy(
    made: tuple[Path, list[VerdictCase]], tmp_path: Path
) -> None:
    project, cases = made
    node = node_tools()
    profile = tmp_path / "profile.json"
    profile.write_text(json.dumps(profile_of(project)), encoding="utf-8")
    files = {c.name: c.file for c in cases if c.name in {"valid", "valid-old-key", "revoked", "tampered"}}
    status = project / "site_config/issuer/status/revocation-1.json"
    result = subprocess.run(
        [node, str(THIRD_PARTY), str(CONTEXTS), str(profile), *map(str, files.values()), str(status)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    by_file = {line["file"]: line for line in lines}
    assert all(line["safe"] == "ok" for line in lines), lines  # jsonld.js safe mode
    for name in ["valid", "valid-old-key", "revoked"]:
        proofs = by_file[f"{name}.json"]["proofs"]
        assert set(proofs) == {"eddsa-jcs-2022", "eddsa-rdfc-2022"}
        assert all(p["verified"] for p in proofs.values()), (name, proofs)
    assert by_file["revocation-1.json"]["proofs"]["eddsa-jcs-2022"]["verified"] is True
    tampered = by_file["tampered.json"]["proofs"]
    assert not tampered["eddsa-jcs-2022"]["verified"] and not tampered["eddsa-rdfc-2022"]["verified"]
    assert "Invalid signature" in tampered["eddsa-rdfc-2022"]["error"]


def test_issuance_bakes_each_credential_into_png_and_svg(made: tuple[Path, list[VerdictCase]]) -> None:
    project, _ = made
    issued = project / ".academy/issued"
    for path in issued.glob("*.json"):
        text = path.read_text(encoding="utf-8")
        png, svg = path.with_suffix(".png").read_bytes(), path.with_suffix(".svg").read_bytes()
        assert png.startswith(baking.PNG_SIGNATURE) and b"iTXt" in png
        assert json.loads(baking.extract(png)) == json.loads(text)
        assert b'xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"' in svg
        assert json.loads(baking.extract(svg)) == json.loads(text)
    # baking again replaces the credential instead of adding a second one
    once = baking.bake_png(baking.badge_images(project, "x")[".png"], '{"a": 1}')
    assert baking.extract(baking.bake_png(once, '{"b": 2}')) == '{"b": 2}'
    twice = baking.bake_svg(baking.bake_svg(b"<svg></svg>", '{"a": "]]>"}'), '{"c": "]]>"}')
    assert twice.count(b"openbadges:credential>") == 2 and json.loads(baking.extract(twice)) == {"c": "]]>"}
    with pytest.raises(baking.BakingError, match="no baked credential"):
        baking.extract(baking.badge_images(project, "x")[".png"])


def test_a_badge_image_of_the_site_config_is_used(tmp_path: Path) -> None:
    (tmp_path / "site_config/badges").mkdir(parents=True)
    (tmp_path / "site_config/badges/basics.svg").write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg"><circle r="5"/></svg>')
    images = baking.badge_images(tmp_path, "basics")
    assert b"circle" in images[".svg"] and images[".png"] == baking.badge_images(tmp_path, "other")[".png"]


def test_a_batch_always_finishes_and_every_input_gets_a_verdict(made: tuple[Path, list[VerdictCase]]) -> None:
    project, cases = made
    folder = project / "batch"
    folder.mkdir(exist_ok=True)
    valid = next(c for c in cases if c.name == "valid").file
    assert valid is not None
    text = valid.read_text(encoding="utf-8")
    (folder / "a-surrogate.json").write_text(text.replace("Ada Lovelace", "Ada \\ud800 Lovelace"), encoding="utf-8")
    (folder / "b-deep.json").write_text("[" * 10_000 + "]" * 10_000, encoding="utf-8")
    (folder / "c-huge.json").write_bytes(b'{"a": "' + b"x" * (9 * 1024 * 1024) + b'"}')
    (folder / "d-binary.json").write_bytes(b"\xff\xfe\x00{")
    (folder / "e-duplicate.json").write_text(text.replace('"name":', '"name": "Forged", "name":', 1), encoding="utf-8")
    (folder / "z-valid.json").write_text(text, encoding="utf-8")
    for env in ({}, {"PYTHONIOENCODING": "ascii"}):
        result = academy("verify", "-q", folder, cwd=project, env=env)
        assert "Traceback" not in result.stderr, result.stderr
        verdicts = [line.split("verdict: ")[1].split(" ")[0] for line in result.stdout.splitlines() if "verdict: " in line]
        assert verdicts == ["tampered", "not-a-certificate", "not-a-certificate", "cannot-check", "not-a-certificate", "valid"]
        assert "6 checked" in result.stdout and result.returncode == 1
    shown = academy("verify", folder / "a-surrogate.json", cwd=project, env={"PYTHONIOENCODING": "ascii"})
    assert "\\ud800" in shown.stdout


def test_a_compromised_key_stops_verifying_and_reissue_replaces_its_certificates(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(PROJECT, project)
    assert academy("keys", "generate", cwd=project).returncode == 0
    roster = project / "roster.csv"
    roster.write_text("name,email\nAda Lovelace,ada@example.org\nAlan Turing,alan@example.org\n", encoding="utf-8")
    rule = sorted(load_project(project).certificates)[0]
    issued = academy("issue", "--roster", roster, "--certificate", rule, cwd=project)
    assert issued.returncode == 0, issued.stderr
    old = sorted((project / ".academy/issued").glob("*.json"))
    assert len(old) == 2 and academy("verify", *old, cwd=project).returncode == 0

    revoked = academy("keys", "revoke", "key-1", "--compromised", cwd=project)
    assert revoked.returncode == 0, revoked.stderr
    assert "made " in revoked.stdout and "academy reissue --key key-1" in revoked.stdout
    entry = json.loads((project / "site_config/issuer/keys.json").read_text())[0]
    assert entry["revoked"] and entry["revokedReason"] == "compromised"
    method = profile_of(project)["verificationMethod"][0]
    assert "revoked" in method and "created" not in method
    after = academy("verify", "--json", *old, cwd=project)
    reports = json.loads(after.stdout)
    assert [r["verdict"] for r in reports] == ["unknown-issuer", "unknown-issuer"]
    assert "revoked it on" in reports[0]["reason"] and "compromised" in reports[0]["reason"]

    again = academy("reissue", "--key", "key-1", cwd=project)
    assert again.returncode == 0, again.stderr
    assert again.stdout.count("re-issued urn:uuid:") == 2
    new = sorted(set((project / ".academy/issued").glob("*.json")) - set(old))
    assert len(new) == 2
    fresh = json.loads(academy("verify", "--json", *new, cwd=project).stdout)
    assert [r["verdict"] for r in fresh] == ["valid", "valid"]
    assert {r["name"] for r in fresh} == {"Ada Lovelace", "Alan Turing"}
    listing = academy("ledger", "list", cwd=project).stdout
    assert listing.count("superseded") == 2  # revoked in the status list, as superseded by the new ones
    assert "0 re-issued" in academy("reissue", "--key", "key-1", cwd=project).stdout  # nothing left to do
    assert academy("keys", "revoke", "key-9", "--compromised", cwd=project).returncode == 1


def test_status_lists_carry_a_short_validity_set_by_the_hub(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(PROJECT, project)
    site_yml = project / "site_config/site.yml"
    site_yml.write_text(site_yml.read_text(encoding="utf-8") + "status_validity_days: 7\n", encoding="utf-8")
    assert academy("keys", "generate", cwd=project).returncode == 0
    roster = project / "roster.csv"
    roster.write_text("name,email\nAda Lovelace,ada@example.org\n", encoding="utf-8")
    rule = sorted(load_project(project).certificates)[0]
    assert academy("issue", "--roster", roster, "--certificate", rule, cwd=project).returncode == 0
    status = json.loads((project / "site_config/issuer/status/revocation-1.json").read_text())
    start, end = dates.parse(status["validFrom"]), dates.parse(status["validUntil"])
    assert start is not None and end is not None and (end - start).days == 7
    current = academy("status", "publish", cwd=project)
    assert current.returncode == 0 and "nothing to sign" in current.stdout
    path = project / "site_config/issuer/status/revocation-1.json"
    store = KeyStore(project, load_project(project).site.issuer.id)
    key = store.active()
    unsigned = {k: v for k, v in status.items() if k != "proof"}
    aged = {**unsigned, "validFrom": "2026-01-01T00:00:00Z", "validUntil": "2026-01-08T00:00:00Z"}
    signed_then = sign(aged, key, store.private_key(key), datetime(2026, 1, 1, tzinfo=UTC))
    path.write_text(json.dumps(signed_then), encoding="utf-8")  # genuine, but the hub forgot to publish again
    stale = json.loads(academy("verify", "--json", *(project / ".academy/issued").glob("*.json"), cwd=project).stdout)
    assert stale[0]["verdict"] == "cannot-check"
    assert stale[0]["reason"].startswith("status: status unknown: the revocation list is out of date")
    signed = academy("status", "publish", cwd=project)
    assert signed.returncode == 0 and "signed site_config/issuer/status/revocation-1.json" in signed.stdout
    fresh = json.loads(academy("verify", "--json", *(project / ".academy/issued").glob("*.json"), cwd=project).stdout)
    assert fresh[0]["verdict"] == "valid"
