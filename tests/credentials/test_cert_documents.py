"""The documents: the OB3 credential (1EdTech schema), issuer profile, status list, QR summary and PDF."""

from __future__ import annotations

import base64
import gzip
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from academy.core.project import load_project
from academy.credentials import dates
from academy.credentials.crypto.keys import KeyStore
from academy.credentials.documents import ob3, qr, statuslist
from academy.credentials.documents import summary as summaries
from academy.credentials.documents.profile import issuer_document, keys_from_document, load_keys
from academy.credentials.issue.issuer import Award, Issued, Issuer, qr_link, summary_of
from academy.credentials.store.ledger import Ledger
from academy.credentials.verify.schema import file_validator
from academy.credentials.verify.schema import problems as schema_problems
from support.certkit import OB3_SCHEMA, conformance

NAMES = ["Ada Lovelace", "<script>alert(1)</script>", "مريم العربي", "אבי כהן", "Zoë d'Arc-Łukasiewicz"]


@pytest.fixture
def issued(keyed: Path) -> tuple[Path, list[Issued]]:
    project = load_project(keyed)
    awards = [
        Award(rule, ob3.Recipient(name, f"p{i}-{rule.id}@example.org"), "roster", f"t:{i}:{rule.id}", "test")
        for rule in project.certificates.values()
        for i, name in enumerate(NAMES)
    ]
    return keyed, Issuer(project, ledger=Ledger(keyed / ".academy/ledger.sqlite3")).issue(awards)


def credential(result: Issued) -> dict[str, Any]:
    return json.loads(result.json_path.read_text(encoding="utf-8"))


def test_issued_credentials_validate_against_the_1edtech_ob3_schema(issued: tuple[Path, list[Issued]]) -> None:
    from jsonschema import FormatChecker

    path = conformance("ob3", OB3_SCHEMA.name)
    validator = file_validator(path)
    strict = type(validator)(validator.schema, format_checker=FormatChecker())
    for result in issued[1]:
        data = credential(result)
        assert [e.message for e in strict.iter_errors(data)] == []
        assert schema_problems(data) == []


def test_the_ob3_schema_catches_what_we_rely_on() -> None:
    validator = file_validator(conformance("ob3", OB3_SCHEMA.name))
    assert list(validator.iter_errors({"@context": [ob3.VC_CONTEXT], "type": ["VerifiableCredential"]}))


def test_the_credential_layout(issued: tuple[Path, list[Issued]]) -> None:
    keyed, results = issued
    data = credential(results[0])
    site = load_project(keyed).site
    assert data["@context"] == [ob3.VC_CONTEXT, ob3.OB3_CONTEXT]
    assert data["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert data["issuer"] == {
        "id": "https://academy.test.example/issuer/profile.json",
        "type": ["Profile"],
        "name": "Test Org",
        "url": "https://www.test.example/",
        "email": "hub@test.example",
    }
    subject = data["credentialSubject"]
    name, email = subject["identifier"]
    assert name == {
        "type": "IdentityObject",
        "identityType": "name",
        "hashed": False,
        "identityHash": results[0].entry.name,
    }
    assert email["identityType"] == "emailAddress" and email["hashed"] is True and len(email["salt"]) >= 16
    assert email["identityHash"] == ob3.identity_hash(results[0].entry.email, email["salt"])
    assert ob3.matches_email(data, results[0].entry.email.upper())
    assert results[0].entry.email not in json.dumps(data)
    achievement = subject["achievement"]
    rule = load_project(keyed).certificates[results[0].entry.certificate]
    assert achievement["id"] == f"{site.url}certificates/{rule.id}/"
    assert (achievement["name"], achievement["description"], achievement["criteria"]) == (
        rule.title,
        rule.description,
        {"id": achievement["id"], "narrative": rule.criteria},
    )
    assert achievement["image"] == {"id": f"{site.url}certificates/{rule.id}/badge.png", "type": "Image"}
    status = data["credentialStatus"]
    assert status["type"] == "BitstringStatusListEntry" and status["statusPurpose"] == "revocation"
    assert status["statusListCredential"] == f"{site.url}certificates/status/revocation-1.json"
    assert status["id"] == f"{status['statusListCredential']}#{status['statusListIndex']}"
    proof, rdfc = data["proof"]
    assert proof["cryptosuite"] == "eddsa-jcs-2022" and proof["proofPurpose"] == "assertionMethod"
    assert proof["verificationMethod"] == f"{site.issuer.id}#key-1" and proof["@context"] == data["@context"]
    # the proof set: eddsa-rdfc-2022 beside it, same key and time; RDFC proofs carry no @context
    assert rdfc["cryptosuite"] == "eddsa-rdfc-2022" and "@context" not in rdfc
    assert (rdfc["verificationMethod"], rdfc["created"]) == (proof["verificationMethod"], proof["created"])


def test_validity_follows_the_rule(issued: tuple[Path, list[Issued]]) -> None:
    for result in issued[1]:
        data = credential(result)
        start = dates.parse(data["validFrom"])
        assert start is not None
        if result.entry.certificate == "basics-certificate":  # validity_months: 24
            assert data["validUntil"] == dates.to_text(dates.add_months(start, 24))
        else:
            assert "validUntil" not in data


def test_add_months_keeps_the_end_of_the_month() -> None:
    assert dates.add_months(datetime(2024, 1, 31, tzinfo=UTC), 1) == datetime(2024, 2, 29, tzinfo=UTC)
    assert dates.add_months(datetime(2024, 2, 29, tzinfo=UTC), 24) == datetime(2026, 2, 28, tzinfo=UTC)
    assert dates.add_months(datetime(2025, 11, 15, tzinfo=UTC), 2) == datetime(2026, 1, 15, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-03-01T10:15:00Z", datetime(2025, 3, 1, 10, 15, tzinfo=UTC)),
        ("2025-03-01T10:15:00.5-05:00", datetime(2025, 3, 1, 15, 15, 0, 500000, tzinfo=UTC)),
        ("2025-03-01T10:15:00.123456789+01:30", datetime(2025, 3, 1, 8, 45, 0, 123456, tzinfo=UTC)),
        ("2025-03-01T10:15:00-00:30", datetime(2025, 3, 1, 10, 45, tzinfo=UTC)),
        ("2025-02-30T10:15:00Z", None),
        ("2025-03-01T10:15:00", None),
        ("2025-03-01 10:15:00Z", None),
        ("2025-03-01T10:15:00Z\n", None),
        ("٢٠٢٥-03-01T10:15:00Z", None),
        (20250301, None),
    ],
)
def test_timestamps_parse_as_the_verify_page_parses_them(text: object, expected: datetime | None) -> None:
    assert dates.parse(text) == expected


def test_the_issuer_profile_lists_every_key_with_retirement(keyed: Path) -> None:
    site = load_project(keyed).site
    store = KeyStore(keyed, site.issuer.id)
    store.rotate()
    document = issuer_document(site, load_keys(keyed / "site_config/issuer/keys.json"))
    assert document["@context"] == [ob3.VC_CONTEXT, ob3.OB3_CONTEXT, "https://www.w3.org/ns/cid/v1"]
    assert document["id"] == site.issuer.id and document["type"] == ["Profile"]
    assert (document["name"], document["url"], document["email"]) == (
        "Test Org",
        "https://www.test.example/",
        "hub@test.example",
    )
    assert document["description"].startswith("Test Org's training hub")
    first, second = document["verificationMethod"]
    assert first["id"] == f"{site.issuer.id}#key-1" and "expires" in first and "expires" not in second
    # only the terms the controlled-identifier context defines for a Multikey
    assert set(first) == {"id", "type", "controller", "publicKeyMultibase", "expires"}
    assert set(second) == {"id", "type", "controller", "publicKeyMultibase"}
    assert document["assertionMethod"] == [first["id"], second["id"]]
    keys = keys_from_document(document)
    assert all(not isinstance(k, str) for k in keys.values())


def test_a_retired_key_covers_its_last_second_and_nothing_after(keyed: Path) -> None:
    store = KeyStore(keyed, load_project(keyed).site.issuer.id)
    rotation = store.active().created + timedelta(days=30)
    (old,), new = store.rotate(now=rotation)
    assert old.valid_at(rotation) and new.valid_at(rotation)
    assert not old.valid_at(rotation + timedelta(seconds=1))
    assert not new.valid_at(rotation - timedelta(seconds=1))


def test_a_profile_key_must_be_controlled_and_asserted_by_the_issuer(keyed: Path) -> None:
    site = load_project(keyed).site
    document = issuer_document(site, load_keys(keyed / "site_config/issuer/keys.json"))
    document["verificationMethod"][0]["controller"] = "https://rogue.example/"
    assert keys_from_document(document)[f"{site.issuer.id}#key-1"] == "its controller is not the issuer"
    document = issuer_document(site, load_keys(keyed / "site_config/issuer/keys.json"))
    document["assertionMethod"] = []
    assert "assertionMethod" in str(keys_from_document(document)[f"{site.issuer.id}#key-1"])


# Status lists -------------------------------------------------------------------------------


def test_the_status_list_encoding() -> None:
    bits = statuslist.bitstring([0, 7, 131071])
    assert len(bits) * 8 == statuslist.MIN_BITS and bits[0] == 0b10000001 and bits[-1] == 0b00000001
    encoded = statuslist.encode(bits)
    assert encoded.startswith("u") and "=" not in encoded
    assert gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "==")) == bits
    decoded = statuslist.decode(encoded)
    assert [statuslist.is_set(decoded, i) for i in (0, 1, 7, 131071)] == [True, False, True, True]
    assert statuslist.set_indexes(decoded) == [0, 7, 131071]
    assert statuslist.encode(bits) == encoded  # reproducible


@pytest.mark.parametrize(
    ("encoded", "message"),
    [
        ("H4sI", 'must be "u"'),
        ("u!!", "not base64url"),
        ("u" + base64.urlsafe_b64encode(b"not gzip!").decode(), "not GZIP"),
        ("u" + base64.urlsafe_b64encode(gzip.compress(bytes(100))).decode().rstrip("="), "has 800 bits"),
        ("u" + base64.urlsafe_b64encode(gzip.compress(bytes(16384))[:40]).decode().rstrip("="), "truncated"),
        ("u" + base64.urlsafe_b64encode(gzip.compress(bytes(20 * 1024 * 1024))).decode().rstrip("="), "expands beyond"),
    ],
)
def test_a_bad_status_list_is_refused(encoded: str, message: str) -> None:
    with pytest.raises(statuslist.StatusListError, match=message):
        statuslist.decode(encoded)


def test_the_signed_status_list_layout(issued: tuple[Path, list[Issued]]) -> None:
    keyed, _ = issued
    site = load_project(keyed).site
    data = json.loads((keyed / "site_config/issuer/status/revocation-1.json").read_text())
    assert data["id"] == site.status_list_url and data["issuer"] == site.issuer.id
    assert data["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert data["credentialSubject"]["type"] == "BitstringStatusList"
    assert data["credentialSubject"]["statusPurpose"] == "revocation"
    assert statuslist.set_indexes(statuslist.decode(data["credentialSubject"]["encodedList"])) == []
    assert "@example.org" not in json.dumps(data)


# QR summary -------------------------------------------------------------------------------


def test_the_qr_link_holds_a_signed_summary_within_version_15(issued: tuple[Path, list[Issued]]) -> None:
    keyed, results = issued
    site = load_project(keyed).site
    store = KeyStore(keyed, site.issuer.id)
    private = store.private_key(store.active())
    for result in results:
        data = credential(result)
        link, code = qr_link(data, site, private)
        assert link.startswith(f"{site.verify_url}#s=")
        assert code.version <= 15 and code.error in {"M", "L", "Q", "H"}
        parsed, _, _ = summaries.decode(link.partition("#")[2])
        assert parsed == summary_of(data)
        assert parsed.name == result.entry.name and parsed.credential_id == data["id"]


@pytest.mark.parametrize(
    "site_url", ["https://a.example/", "https://academy.a-very-long-organisation-name.example/training/"]
)
def test_worst_case_names_still_fit_version_15(site_url: str) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    now = datetime(2026, 1, 1, tzinfo=UTC)
    worst = summaries.Summary(
        7,
        "12345678-1234-4234-8234-123456789abc",
        1,
        131071,
        now,
        now + timedelta(days=730),
        now,
        name="漢" * ob3.MAX_NAME,
        achievement="Ж" * 300,
    )
    link, code = qr.link(f"{site_url}verify/", worst, f"{site_url}issuer/profile.json", key)
    assert code.version <= 15
    parsed, body, signature = summaries.decode(link.partition("#")[2])
    assert parsed.name.endswith("…") and parsed.achievement.endswith("…")
    key.public_key().verify(signature, summaries.signing_input(f"{site_url}issuer/profile.json", body))
    short = replace_name(worst, "Ada Lovelace", "Certified Basics")
    assert qr.link(f"{site_url}verify/", short, "x", key)[1].error == "M"


def replace_name(summary: summaries.Summary, name: str, achievement: str) -> summaries.Summary:
    from dataclasses import replace

    return replace(summary, name=name, achievement=achievement)


def _summary_head() -> bytes:
    return bytes([summaries.VERSION]) + bytes([1]) * (summaries._HEAD.size - 1)


def test_the_summary_refuses_what_it_cannot_read() -> None:
    for fragment in [
        "#vc=abc",
        "#s=",
        "#s=!!!",
        "#s=AAAA",
        "#s=" + base64.urlsafe_b64encode(bytes([1]) * 120).decode(),
        # the first text's length runs exactly to the end: no length byte left for the second
        "#s=" + base64.urlsafe_b64encode(_summary_head() + bytes([64 + 1]) + bytes(64 + 1)).decode().rstrip("="),
    ]:
        with pytest.raises(summaries.SummaryError):
            summaries.decode(fragment)


# PDF ----------------------------------------------------------------------------------------


def test_the_pdf_prints_names_as_typed_and_its_qr_code_scans(issued: tuple[Path, list[Issued]]) -> None:
    pdfium = pytest.importorskip("pypdfium2", reason="pypdfium2 (test extra) renders the PDF")
    zxingcpp = pytest.importorskip("zxingcpp", reason="zxing-cpp (test extra) decodes the QR code")
    pytest.importorskip("uharfbuzz", reason="uharfbuzz shapes the right-to-left names")
    keyed, results = issued
    site = load_project(keyed).site
    store = KeyStore(keyed, site.issuer.id)
    private = store.private_key(store.active())
    for result in results:
        document = pdfium.PdfDocument(str(result.pdf_path))
        assert len(document) == 1
        page = document[0]
        text = page.get_textpage().get_text_range()
        flat = " ".join(text.split())
        assert result.entry.name in flat, (result.entry.name, flat[:300])
        assert result.entry.title in flat and "Test Org" in flat and result.entry.id in flat
        assert ("Valid until" in flat) and ("Does not expire" in flat) == (result.entry.valid_until is None)
        image = page.render(scale=150 / 72).to_pil()  # printed and scanned at 150 dpi
        # QR codes only, as a phone's camera reads them: zxing's linear readers can take a strip of
        # the QR code's own modules for a Codabar (2 in 300 codes, a Codabar "A42A" inside the QR code).
        found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
        assert len(found) == 1, result.entry.name
        assert found[0].text == qr_link(credential(result), site, private)[0]


def test_the_pdf_warns_about_characters_the_font_lacks(keyed: Path) -> None:
    project = load_project(keyed)
    rule = project.certificates["basics-certificate"]
    (result,) = Issuer(project, ledger=Ledger(keyed / ".academy/ledger.sqlite3")).issue(
        [Award(rule, ob3.Recipient("王小明", "wang@example.org"), "roster", "t:cjk", "test")]
    )
    assert result.warnings and "王小明" not in result.warnings[0] and "shows boxes for" in result.warnings[0]


def test_names_are_cleaned_but_never_rewritten() -> None:
    assert ob3.clean_name("  Ada \t Lovelace ") == "Ada Lovelace"
    assert ob3.clean_name("<b>Ada</b>") == "<b>Ada</b>"
    assert ob3.clean_name("e\u0301") == "é"
    for bad in ["", "  ", "a\u202eb", "a\x00b", "a\x1bb", "x" * 121, 5]:
        with pytest.raises(ValueError):
            ob3.clean_name(bad)


def test_bench_imports() -> None:
    """The benchmark script stays importable (it is run by hand)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "bench_certificates", Path(__file__).resolve().parents[2] / "bench/certificates.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert callable(module.main)
