"""verifier.js, the verify page's checker (loaded by verify.js), run in Node: against the W3C
eddsa-jcs-2022 vectors, against the Python code it mirrors (JCS, base58, dates, status lists, QR
summaries) and against `academy verify` on every verdict case and on hundreds of altered
certificates. tests/browser/test_verify.py runs the built page in Chromium."""

from __future__ import annotations

import base64
import copy
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from academy import routes
from academy.core.project import load_project
from academy.credentials import dates
from academy.credentials.crypto.canonical import canonicalize, dumps
from academy.credentials.crypto.keys import KeyStore
from academy.credentials.crypto.multikey import MultibaseError, base58btc_decode, base58btc_encode
from academy.credentials.documents import statuslist
from academy.credentials.documents import summary as summaries
from academy.credentials.documents.profile import issuer_document, load_keys
from academy.credentials.issue.issuer import sign
from academy.credentials.verify.verifier import SiteResolver, Verifier
from academy.i18n import strings
from support.harness import Server
from support.verdicts import VerdictCase, make_verdict_cases

ROOT = Path(__file__).resolve().parents[2]
VERIFY_JS = ROOT / "plugins/academy/plugins/certificates/assets/verifier.js"
VECTORS = ROOT.parent / "shared" / "conformance" / "vc-di-eddsa"
NODE = shutil.which("node")
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
PROFILE = "issuer/profile.json"

# Calls verify.js's functions: stdin is a JSON list of [operation, *arguments]; stdout the list of
# {"value": …} or {"error": "…"}. Bytes come back as hex.
RUNNER = r"""
const api = require(process.argv[1]);
const hex = (b) => Buffer.from(b).toString("hex");
const ops = {
  jcs: (text) => api.jcs(JSON.parse(text)),
  sha256: async (text) => hex(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text))),
  base58: (value) => hex(api.base58(value)),
  multikey: (value) => hex(api.multikey(value)),
  parseDate: (value) => api.parseDate(value),
  bits: async (encoded) => {
    const bits = await api.decodeList(encoded), set = [];
    bits.forEach((byte, i) => { for (let j = 0; j < 8; j++) if (byte & (0x80 >> j)) set.push(i * 8 + j); });
    return { size: bits.length * 8, set };
  },
  summary: (fragment) => {
    const s = api.decodeSummary(fragment);
    return { ...s, body: hex(s.body), signature: hex(s.signature) };
  },
  proof: async (text, publicKey) => {
    const doc = JSON.parse(text);
    await api.verifyProof(doc, [].concat(doc.proof)[0], api.multikey(publicKey));
    return true;
  },
  schema: (text) => api.schemaProblem(JSON.parse(text)),
  check: (input, env) => api.check(input, env),
  checkBytes: (hexBytes, env) => api.check(new Uint8Array(Buffer.from(hexBytes, "hex")), env),
  linkedIn: async (input, env) => api.linkedIn(await api.check(input, env), env),
};
let input = "";
process.stdin.on("data", (d) => (input += d)).on("end", async () => {
  const out = [];
  for (const [op, ...args] of JSON.parse(input)) {
    try {
      out.push({ value: await ops[op](...args) });
    } catch (e) {
      out.push({ error: String((e && (e.detail || e.message)) || e) });
    }
  }
  process.stdout.write(JSON.stringify(out));
});
"""


def node(*calls: list[Any]) -> list[dict[str, Any]]:
    """Run verify.js functions in Node: one {"value"} or {"error"} per call."""
    if NODE is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("node is not installed (CI=true: the verify.js tests must run)")
        pytest.skip("node is not installed: verify.js's functions are then only tested in the browser")
    result = subprocess.run(
        [NODE, "-e", RUNNER, str(VERIFY_JS)], input=json.dumps(calls), capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    answers: list[dict[str, Any]] = json.loads(result.stdout)
    assert len(answers) == len(calls)
    return answers


def value(answer: dict[str, Any]) -> Any:
    assert "error" not in answer, answer["error"]
    return answer["value"]


def vector(name: str) -> Path:
    path = VECTORS / name
    if not path.exists():
        pytest.skip(f"W3C vc-di-eddsa test vectors not found at {path} (expected ../shared/conformance)")
    return path


def test_every_page_carries_a_small_loader_and_only_the_verify_page_the_checker() -> None:
    loader = VERIFY_JS.with_name("verify.js").read_bytes()
    assert len(gzip.compress(loader, 9)) <= 1024
    assert b"verifier.js" in loader and b"document$" in loader
    # The checker grew with baked badges, I-JSON and LinkedIn; the verify page stays within the
    # 30 KB page budget (tests/site/test_page_weight.py).
    assert len(gzip.compress(VERIFY_JS.read_bytes(), 9)) <= 15 * 1024
    from academy.plugins.certificates.plugin import compact_js

    served = compact_js(VERIFY_JS.read_text(encoding="utf-8"))
    assert len(gzip.compress(served.encode(), 9)) <= 13 * 1024
    # no string or template literal spans lines, so taking indentation and comment lines away is safe
    assert all(line.count("`") % 2 == 0 for line in VERIFY_JS.read_text(encoding="utf-8").splitlines())


# W3C vectors ---------------------------------------------------------------------------------------


def test_the_w3c_eddsa_jcs_2022_vector_gives_every_intermediate_value() -> None:
    folder = vector("eddsa-jcs-2022")
    signed = json.loads((folder / "signedJCS.json").read_text(encoding="utf-8"))
    public = json.loads(vector("keyPair.json").read_text(encoding="utf-8"))["publicKeyMultibase"]
    expected = {
        name: (folder / f"{name}.txt").read_text(encoding="utf-8").strip()
        for name in [
            "canonDocJCS",
            "proofCanonJCS",
            "docHashJCS",
            "proofHashJCS",
            "combinedHashJCS",
            "sigHexJCS",
            "sigBTC58JCS",
        ]
    }
    unsigned = {k: v for k, v in signed.items() if k != "proof"}
    config = (folder / "proofConfigJCS.json").read_text(encoding="utf-8")
    answers = node(
        ["jcs", json.dumps(unsigned)],
        ["jcs", config],
        ["sha256", expected["canonDocJCS"]],
        ["sha256", expected["proofCanonJCS"]],
        ["base58", signed["proof"]["proofValue"]],
        ["multikey", public],
        ["proof", json.dumps(signed), public],
    )
    canon_doc, canon_proof, doc_hash, proof_hash, signature, key, verified = map(value, answers)
    assert canon_doc == expected["canonDocJCS"]
    assert canon_proof == expected["proofCanonJCS"]
    assert doc_hash == expected["docHashJCS"]
    assert proof_hash == expected["proofHashJCS"]
    assert proof_hash + doc_hash == expected["combinedHashJCS"]
    assert signed["proof"]["proofValue"] == expected["sigBTC58JCS"]
    assert signature == expected["sigHexJCS"]
    assert len(bytes.fromhex(key)) == 32
    assert verified is True


def test_any_change_to_the_w3c_vector_breaks_its_proof() -> None:
    folder = vector("eddsa-jcs-2022")
    signed = json.loads((folder / "signedJCS.json").read_text(encoding="utf-8"))
    public = json.loads(vector("keyPair.json").read_text(encoding="utf-8"))["publicKeyMultibase"]
    changes: list[dict[str, Any]] = []
    for key in ["name", "issuer", "validFrom", "description"]:
        changes.append({**signed, key: signed[key] + "x"})
    changes.append({**signed, "credentialSubject": {**signed["credentialSubject"], "alumniOf": "Another School"}})
    changes.append({**signed, "proof": {**signed["proof"], "created": "2023-02-24T23:36:39Z"}})
    changes.append({**signed, "proof": {**signed["proof"], "@context": ["https://example.org/other"]}})
    changes.append({**signed, "extra": True})
    # "Verify Proof" replaces the document's @context by the proof's when the proof's begins it, so a
    # context appended after signing is not signed content: the proof still verifies (in Python too).
    appended = {**signed, "@context": [*signed["@context"], "https://example.org/extra"]}
    *answers, still = node(*[["proof", json.dumps(c), public] for c in [*changes, appended]])
    assert all("error" in a for a in answers), answers
    assert "does not match" in answers[0]["error"]
    assert "@context" in answers[-2]["error"]
    assert value(still) is True
    from academy.credentials.crypto.multikey import decode_public
    from academy.credentials.crypto.proof import verify_proof

    verify_proof(appended, appended["proof"], decode_public(public))


# The Python code verify.js mirrors ------------------------------------------------------------------

JSON_TEXTS = [
    '{"b": 1, "a": 2, "A": 3, "_": 4, "1": 5, "10": 6, "2": 7, "é": 8, "€": 9, "\\r": 10, "😀": 11, "\\ufb33": 12}',
    "[1.0, 1e21, 1e-7, -0.0, 0.1, 100, 1e+300, 123456789012345678901234, 9007199254740993, 5e-324, 0.000001]",
    '"\\u0000\\u001f\\b\\t\\n\\f\\r\\"\\\\/\\u007f\\u2028\\u2029</script>é😀"',
    '{"nested": {"z": [true, false, null, {"y": {}, "x": []}]}, "": ""}',
    '{"__proto__": {"polluted": 1}, "constructor": "c"}',
    '{"a": 1, "a": 2}',
    '"\\ud800"',
    '{"\\udc00": 1}',
]


def test_jcs_gives_the_bytes_of_the_python_canonicalization() -> None:
    answers = node(*[["jcs", text] for text in JSON_TEXTS])
    for text, answer in zip(JSON_TEXTS, answers, strict=True):
        try:
            expected = canonicalize(json.loads(text)).decode("utf-8")
        except ValueError:
            assert "error" in answer, (text, answer)
            continue
        assert value(answer) == expected, text


BASE58 = [
    base58btc_encode(b"\x00\x00\x01\x02"),
    base58btc_encode(bytes(range(64))),
    base58btc_encode(b"\xff" * 64),
    base58btc_encode(b"\x00"),
    "z" + "1" * 5,
    "z2HnFSSPPBzR36zdDgK8PbEHeXbR56YF24jwMpt3R1eHXQzJDMWS93FCzpvJpwTWd3GAVFuUfjoJdcnTMuVor51aX \n",
    "z0OIl",
    "zé",
    "z",
    "2HnFS",
    "z" + "2" * 200,
]


def test_base58_decodes_as_the_python_package_does() -> None:
    answers = node(*[["base58", text] for text in BASE58])
    for text, answer in zip(BASE58, answers, strict=True):
        try:
            expected = base58btc_decode(text).hex()
        except MultibaseError:
            assert "error" in answer, (text, answer)
            continue
        assert value(answer) == expected, text


DATES = [
    "2025-03-01T10:15:00Z",
    "2025-03-01T10:15:00.5Z",
    "2025-03-01T10:15:00.123456789+02:00",
    "2025-03-01T10:15:00-05:30",
    "2024-02-29T23:59:59Z",
    "2025-02-29T00:00:00Z",
    "2025-13-01T00:00:00Z",
    "2025-01-01T24:00:00Z",
    "2025-01-01T00:60:00Z",
    "2025-01-01T00:00:60Z",
    "2025-01-01T00:00:00+24:00",
    "2025-01-01T00:00:00+23:60",
    "0000-01-01T00:00:00Z",
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z",
    "2025-01-01T00:00:00",
    "2025-01-01 00:00:00Z",
    "2025-01-01T00:00:00Z\n",
    "２０２５-01-01T00:00:00Z",
    "yesterday",
]


def reference_moment(text: str) -> datetime | None:
    """A dateTimeStamp read independently: fractions cut to microseconds, the zone kept."""
    match = re.fullmatch(r"([0-9-]{10}T[0-9:]{8})(?:\.([0-9]{1,9}))?(Z|[+-][0-9]{2}:[0-9]{2})", text)
    if match is None:
        return None
    main, fraction, zone = match.groups()
    try:
        moment = datetime.fromisoformat(main + ("+00:00" if zone == "Z" else zone))
    except ValueError:
        return None
    return moment + timedelta(microseconds=int((fraction or "0")[:6].ljust(6, "0")))


def test_dates_are_read_as_python_reads_them() -> None:
    answers = node(*[["parseDate", text] for text in DATES])
    for text, answer in zip(DATES, answers, strict=True):
        moment = reference_moment(text)
        assert dates.parse(text) == moment, text
        if moment is None:
            assert value(answer) is None, text
        else:
            assert value(answer) == (moment - EPOCH) // timedelta(microseconds=1), text


def test_status_list_bit_0_is_the_left_most_bit_and_bad_lists_fail_as_in_python() -> None:
    lists = {
        "set": statuslist.encode(statuslist.bitstring([0, 7, 8, 100_050, statuslist.MIN_BITS - 1])),
        "larger": statuslist.encode(statuslist.bitstring([200_000], size=2 * statuslist.MIN_BITS)),
        "empty list": statuslist.encode(statuslist.bitstring([])),
        "short": statuslist.encode(bytes(1024)),
        "truncated": statuslist.encode(statuslist.bitstring([1]))[:40],
        "not gzip": "u" + base64.urlsafe_b64encode(bytes(statuslist.MIN_BITS // 8)).decode().rstrip("="),
        "no prefix": statuslist.encode(statuslist.bitstring([]))[1:],
        "base64 with padding": statuslist.encode(statuslist.bitstring([])) + "==",
        "one char too many": statuslist.encode(statuslist.bitstring([]))
        + "A" * (5 - len(statuslist.encode(statuslist.bitstring([]))) % 4),
        "bomb": "u" + base64.urlsafe_b64encode(gzip.compress(bytes(statuslist.MAX_BYTES + 8), 9)).decode().rstrip("="),
        "empty": "u",
    }
    answers = dict(zip(lists, node(*[["bits", encoded] for encoded in lists.values()]), strict=True))
    assert value(answers["set"]) == {"size": statuslist.MIN_BITS, "set": [0, 7, 8, 100_050, statuslist.MIN_BITS - 1]}
    assert value(answers["larger"]) == {"size": 2 * statuslist.MIN_BITS, "set": [200_000]}
    assert value(answers["empty list"]) == {"size": statuslist.MIN_BITS, "set": []}
    first_byte = statuslist.decode(lists["set"])[0]
    assert first_byte == 0b1000_0001  # indexes 0 and 7: the most and least significant bits of byte 0
    for name, encoded in lists.items():
        try:
            statuslist.decode(encoded)
            python_ok = True
        except statuslist.StatusListError:
            python_ok = False
        assert ("error" not in answers[name]) == python_ok, (name, answers[name])


# Every verdict case, and altered certificates, against `academy verify` ------------------------------


@dataclass
class Issuer:
    """A scratch issuer: the verdict cases, the public files a built site serves, and a signing key."""

    project: Path
    site: Path
    url: str
    cases: list[VerdictCase]
    valid: dict[str, Any]

    def case(self, name: str) -> VerdictCase:
        return next(c for c in self.cases if c.name == name)

    def input(self, name: str) -> str:
        """What a verifier pastes for the case: the file's text, or the QR link."""
        case = self.case(name)
        return case.file.read_text(encoding="utf-8") if case.file else str(case.link)

    @property
    def env(self) -> dict[str, str]:
        return {
            "issuer": f"{self.url}issuer/profile.json",
            "site": self.url,
            "profile": f"{self.url}issuer/profile.json",
            "status": f"{self.url}certificates/status/",
            # What the verify page's data attributes carry (certificates/page.py, from academy.routes).
            "verifyUrl": routes.ROUTES.verify_url(self.url),
            "statusBase": routes.status_folder_url(self.url),
            "statusList": routes.status_list_template(self.url),
        }

    def sign(self, document: dict[str, Any], **changes: Any) -> dict[str, Any]:
        """`document` without its proof, changed, and signed with the issuer's current key."""
        loaded = load_project(self.project)
        assert loaded.site is not None
        store = KeyStore(self.project, loaded.site.issuer.id)
        key = store.active()
        unsigned = {k: v for k, v in document.items() if k != "proof"}
        unsigned.update(changes)
        return sign(unsigned, key, store.private_key(key), dates.utcnow() - timedelta(minutes=5))

    def publish(self, name: str, text: str) -> str:
        """Put a status list file on the site; its URL."""
        (self.site / "certificates/status" / name).write_text(text, encoding="utf-8")
        return f"{self.url}certificates/status/{name}"


@pytest.fixture(scope="module")
def issuer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Issuer]:
    base = tmp_path_factory.mktemp("verify-js")
    project, site = base / "project", base / "site"
    shutil.copytree(ROOT / "tests/fixtures/mini", project)
    site.mkdir()
    server = Server(site)
    try:
        cases = make_verdict_cases(project, site_url=server.url)
        loaded = load_project(project)
        assert loaded.site is not None
        (site / "issuer").mkdir()
        document = issuer_document(loaded.site, load_keys(project / "site_config/issuer/keys.json"))
        (site / "issuer/profile.json").write_text(json.dumps(document, indent=2), encoding="utf-8")
        shutil.copytree(project / "site_config/issuer/status", site / "certificates/status")
        valid = next(c for c in cases if c.name == "valid")
        assert valid.file is not None
        yield Issuer(project, site, server.url, cases, json.loads(valid.file.read_text(encoding="utf-8")))
    finally:
        server.close()


#: What the page checks: `academy verify` also checks eddsa-rdfc-2022 (tests/credentials cover that).
PAGE_SUITES = ("eddsa-jcs-2022",)


def python_reports(
    issuer: Issuer, inputs: list[str], profile: str = PROFILE, suites: tuple[str, ...] | None = None
) -> list[dict[str, Any]]:
    verifier = Verifier(SiteResolver(issuer.site, issuer.url, profile), suites=suites)
    return [verifier.check_text(text, str(i)).to_json() for i, text in enumerate(inputs)]


def disagreements(issuer: Issuer, inputs: dict[str, str], profile: str = PROFILE) -> list[str]:
    """Inputs on which verify.js and `academy verify` differ in verdict or in any step's outcome."""
    env = {**issuer.env, "profile": issuer.url + profile}
    page = [value(a) for a in node(*[["check", text, env] for text in inputs.values()])]
    # Compared with `academy verify` checking what the page checks (JCS): every rule must agree.
    cli = python_reports(issuer, list(inputs.values()), profile, PAGE_SUITES)
    found = []
    for name, js, py in zip(inputs, page, cli, strict=True):
        js_steps = [(s["name"], s["ok"]) for s in js["steps"]]
        py_steps = [(s["step"], s["ok"]) for s in py["steps"]]
        if js["verdict"] != py["verdict"] or js_steps != py_steps:
            found.append(f"{name}: page {js['verdict']} {js_steps}\n   cli {py['verdict']} {py_steps} ({py['reason']})")
    return found


def test_every_verdict_case_gets_the_verdict_and_steps_of_academy_verify(issuer: Issuer) -> None:
    """Files go in as bytes (as a dropped file, and as `academy verify` reads them); links as text."""
    calls = [
        ["checkBytes", c.file.read_bytes().hex(), issuer.env] if c.file else ["check", str(c.link), issuer.env]
        for c in issuer.cases
    ]
    page = {c.name: value(a) for c, a in zip(issuer.cases, node(*calls), strict=True)}
    assert {n: r["verdict"] for n, r in page.items()} == {c.name: c.on_page for c in issuer.cases}
    verifier = Verifier(SiteResolver(issuer.site, issuer.url, PROFILE))
    for case in issuer.cases:
        if case.page_verdict is not None:
            continue  # the page checks JCS only: its steps differ where RDFC alone decides
        py = (
            verifier.check_bytes(case.file.read_bytes(), case.name)
            if case.file
            else verifier.check_text(str(case.link), case.name)
        ).to_json()
        js_steps = [(s["name"], s["ok"]) for s in page[case.name]["steps"]]
        assert js_steps == [(s["step"], s["ok"]) for s in py["steps"]], case.name
    # and the real CLI, on the same files, says the same
    args = [str(c.file) if c.file else str(c.link) for c in issuer.cases]
    cli = subprocess.run(
        [str(Path(sys.executable).parent / "academy"), "verify", "--site", str(issuer.site), "--json", *args],
        cwd=issuer.project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert [r["verdict"] for r in json.loads(cli.stdout)] == [c.verdict for c in issuer.cases], cli.stderr


def test_the_page_says_which_proofs_it_checked(issuer: Issuer) -> None:
    (report,) = [value(a) for a in node(["check", issuer.input("valid"), issuer.env])]
    steps = {s["name"]: s["detail"] for s in report["steps"]}
    assert "checks eddsa-jcs-2022" in steps["proof"]
    assert 'not checked: cryptosuite "eddsa-rdfc-2022" (academy verify --all-proofs checks it)' in steps["proof"]
    assert steps["signature"] == "the eddsa-jcs-2022 proof matches every signed field"
    cli = python_reports(issuer, [issuer.input("valid")])[0]
    assert {s["step"]: s["detail"] for s in cli["steps"]}["signature"] == (
        "the eddsa-jcs-2022 proof matches every signed field; "
        "the eddsa-rdfc-2022 proof is not checked (academy verify --all-proofs checks it)"
    )
    verifier = Verifier(SiteResolver(issuer.site, issuer.url, PROFILE), all_proofs=True)
    both = verifier.check_text(issuer.input("valid"), "valid").to_json()
    assert {s["step"]: s["detail"] for s in both["steps"]}["signature"] == (
        "the eddsa-jcs-2022 and eddsa-rdfc-2022 proofs match every signed field"
    )


def english(message: dict[str, Any], templates: dict[str, str]) -> str:
    """A detail's English from the strings, as academyI18n.t fills them: nested details (and lists of them) filled first."""
    def one(v: Any) -> str:
        return english(v, templates) if isinstance(v, dict) else str(v)

    values = {k: ", ".join(map(one, v)) if isinstance(v, list) else one(v) for k, v in (message.get("values") or {}).items()}
    text = templates[f"detail.{message['key']}"]
    return re.sub(r"\{(\w+)\}", lambda m: str(values[m[1]]) if m[1] in values else m[0], text)


def test_the_english_strings_of_the_details_give_the_verifiers_english(issuer: Issuer) -> None:
    """The page shows a detail as verify.script.detail.<key> filled with its values: in English that
    must be the very text `academy verify` gives, or the languages would translate something else."""
    templates = strings.section("en", "verify.script")
    calls = [
        ["checkBytes", c.file.read_bytes().hex(), issuer.env] if c.file else ["check", str(c.link), issuer.env]
        for c in issuer.cases
    ]
    odd = ("{", "{}", "[]", "not a certificate", '{"@context": 1}', "#x", "#s=abc", "#s=a!b", "eyJa.eyJb.c")
    calls += [["check", text, issuer.env] for text in odd]
    keyed, reasons = 0, set()
    for answer in node(*calls):
        for step in value(answer)["steps"]:
            if "key" in step:
                keyed += 1
                reasons.add(step["key"])
                assert english(step, templates) == step["detail"], step
    assert keyed > 4 * len(issuer.cases) and {"changed", "expired", "revoked", "keys"} <= reasons, reasons
    # and every key the checker names has its English template
    named = set(re.findall(r'(?:say|fail)\("([\w.]+)"', VERIFY_JS.read_text(encoding="utf-8")))
    named |= {"what.certificate", "what.list", "list_untrusted", "list_unfetched"}
    assert {"signature_mismatch", "not_utf8", "changed"} <= named
    assert not {f"detail.{k}" for k in named} - set(templates)
    # a detail without values is its template word for word
    plain = re.findall(r'(?:say|fail)\("([\w.]+)", \{\}, (["\'])(.*?)\2\)', VERIFY_JS.read_text(encoding="utf-8"))
    assert len(plain) > 20
    assert [(k, t) for k, _, t in plain if templates[f"detail.{k}"] != t] == []


def test_a_valid_certificate_offers_linkedin_with_the_documented_fields(issuer: Issuer) -> None:
    from urllib.parse import parse_qs, urlsplit

    valid = issuer.valid
    (url, tampered) = [
        value(a)
        for a in node(["linkedIn", issuer.input("valid"), issuer.env], ["linkedIn", issuer.input("tampered"), issuer.env])
    ]
    assert tampered is None  # only a valid certificate is offered
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "www.linkedin.com", "/profile/add")
    fields = {k: v[0] for k, v in parse_qs(parts.query, strict_parsing=True).items()}
    start, end = dates.parse(valid["validFrom"]), dates.parse(valid["validUntil"])
    assert start is not None and end is not None
    assert fields == {
        "startTask": "CERTIFICATION_NAME",
        "name": valid["credentialSubject"]["achievement"]["name"],
        "organizationName": valid["issuer"]["name"],
        "issueYear": str(start.year),
        "issueMonth": str(start.month),
        "expirationYear": str(end.year),
        "expirationMonth": str(end.month),
        "certId": valid["id"],
        "certUrl": f"{issuer.url}verify/",
    }
    link = issuer.case("link-valid").link
    (from_link,) = [value(a) for a in node(["linkedIn", str(link), issuer.env])]
    assert parse_qs(urlsplit(from_link).query)["certUrl"] == [link]  # the QR link itself verifies it


def leaves(node_: object, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(node_, dict):
        return [p for k, child in node_.items() for p in leaves(child, (*path, k))]
    if isinstance(node_, list):
        return [p for i, child in enumerate(node_) for p in leaves(child, (*path, i))]
    return [path]


def changed(document: dict[str, Any], path: tuple[Any, ...], new: Any = ..., delete: bool = False) -> dict[str, Any]:
    result = copy.deepcopy(document)
    target = result
    for part in path[:-1]:
        target = target[part]
    if delete:
        del target[path[-1]]
    else:
        target[path[-1]] = new
    return result


def altered_value(old: object, key: object) -> object:
    if isinstance(old, bool):
        return not old
    if isinstance(old, str) and dates.parse(old):
        moment = dates.parse(old)
        assert moment is not None
        return dates.to_text(moment - timedelta(seconds=1))
    if isinstance(old, str) and key == "statusListIndex":
        return str(int(old) + 1)
    if isinstance(old, str):
        return old + "x"
    return 1


def test_any_change_to_any_field_gets_the_same_verdict_and_steps_as_academy_verify(issuer: Issuer) -> None:
    """Every leaf changed, every member removed, values of the wrong type: the page and the CLI agree."""
    valid = issuer.valid
    inputs: dict[str, str] = {}
    for path in leaves(valid):
        name = "/".join(map(str, path))
        old: Any = valid
        for part in path:
            old = old[part]
        inputs[f"change {name}"] = dumps(changed(valid, path, altered_value(old, path[-1])))
        inputs[f"null {name}"] = dumps(changed(valid, path, None))
        inputs[f"number {name}"] = dumps(changed(valid, path, 7))
        inputs[f"list {name}"] = dumps(changed(valid, path, [old]))
        inputs[f"remove {name}"] = dumps(changed(valid, path, delete=True))
    for key in list(valid):
        inputs[f"remove /{key}"] = dumps(changed(valid, (key,), delete=True))
    inputs["extra member"] = dumps({**valid, "evidence": [{"id": "https://evil.example/"}]})
    inputs["proof as one object"] = dumps({**valid, "proof": valid["proof"][0]})
    inputs["proof empty list"] = dumps({**valid, "proof": []})
    inputs["proof null"] = dumps({**valid, "proof": None})
    inputs["proofValue with trailing space"] = dumps(
        changed(valid, ("proof", 0, "proofValue"), valid["proof"][0]["proofValue"] + " ")
    )
    inputs["proofValue not base58"] = dumps(changed(valid, ("proof", 0, "proofValue"), "z0OIl"))
    inputs["proofValue without z"] = dumps(
        changed(valid, ("proof", 0, "proofValue"), valid["proof"][0]["proofValue"][1:])
    )
    inputs["proof @context removed"] = dumps(changed(valid, ("proof", 0, "@context"), delete=True))
    inputs["proof by key-1 (retired)"] = dumps(
        changed(valid, ("proof", 0, "verificationMethod"), f"{issuer.url}issuer/profile.json#key-1")
    )
    inputs["issuer as a string"] = dumps({**valid, "issuer": valid["issuer"]["id"]})
    inputs["a BOM and spaces"] = "\ufeff  " + dumps(valid)
    assert len(inputs) > 150
    assert not disagreements(issuer, inputs), "\n".join(disagreements(issuer, inputs))


def test_certificates_signed_by_the_issuer_with_odd_fields_get_the_same_verdict(issuer: Issuer) -> None:
    valid, url = issuer.valid, issuer.url
    status = valid["credentialStatus"]
    now = dates.utcnow()
    odd_lists = {
        "expired-list.json": issuer.sign(
            statuslist.list_credential(
                url=f"{url}certificates/status/expired-list.json",
                issuer_id=f"{url}issuer/profile.json",
                bits=statuslist.bitstring([]),
                valid_from=dates.to_text(now - timedelta(days=9)),
            ),
            validUntil=dates.to_text(now - timedelta(days=1)),
        ),
        "suspension.json": issuer.sign(
            statuslist.list_credential(
                url=f"{url}certificates/status/suspension.json",
                issuer_id=f"{url}issuer/profile.json",
                bits=statuslist.bitstring([]),
                valid_from=dates.to_text(now - timedelta(days=1)),
            )
            | {
                "credentialSubject": {
                    "id": "x",
                    "type": "BitstringStatusList",
                    "statusPurpose": "suspension",
                    "encodedList": statuslist.encode(statuslist.bitstring([])),
                }
            }
        ),
        "other-id.json": issuer.sign(
            statuslist.list_credential(
                url=f"{url}certificates/status/revocation-1.json",
                issuer_id=f"{url}issuer/profile.json",
                bits=statuslist.bitstring([]),
                valid_from=dates.to_text(now - timedelta(days=1)),
            )
        ),
        "future.json": issuer.sign(
            statuslist.list_credential(
                url=f"{url}certificates/status/future.json",
                issuer_id=f"{url}issuer/profile.json",
                bits=statuslist.bitstring([]),
                valid_from=dates.to_text(now + timedelta(days=1)),
            )
        ),
    }
    for name, document in odd_lists.items():
        issuer.publish(name, dumps(document))
    issuer.publish(
        "bom.json", "\ufeff" + (issuer.site / "certificates/status/revocation-1.json").read_text(encoding="utf-8")
    )
    issuer.publish("array.json", "[]")

    def on(list_name: str, index: int = 4242) -> str:
        entry = {
            **status,
            "id": f"{url}certificates/status/{list_name}#{index}",
            "statusListIndex": str(index),
            "statusListCredential": f"{url}certificates/status/{list_name}",
        }
        return dumps(issuer.sign(valid, credentialStatus=entry))

    inputs = {f"list {name}": on(name) for name in [*odd_lists, "bom.json", "array.json", "missing.json"]}
    inputs["index past the end"] = on("revocation-1.json", statuslist.MIN_BITS)
    inputs["index at the end"] = on("revocation-1.json", statuslist.MIN_BITS - 1)
    inputs["list on another site"] = dumps(
        issuer.sign(
            valid,
            credentialStatus={
                **status,
                "statusListCredential": "https://rogue.example/certificates/status/revocation-1.json",
            },
        )
    )
    inputs["list in a sub-folder"] = dumps(
        issuer.sign(
            valid, credentialStatus={**status, "statusListCredential": f"{url}certificates/status/x/revocation-1.json"}
        )
    )
    inputs["hidden list"] = dumps(
        issuer.sign(
            valid, credentialStatus={**status, "statusListCredential": f"{url}certificates/status/.revocation-1.json"}
        )
    )
    inputs["list with a query"] = dumps(
        issuer.sign(
            valid, credentialStatus={**status, "statusListCredential": f"{url}certificates/status/revocation-1.json?x"}
        )
    )
    inputs["suspension entry"] = dumps(issuer.sign(valid, credentialStatus={**status, "statusPurpose": "suspension"}))
    inputs["no expiry"] = dumps(issuer.sign({k: v for k, v in valid.items() if k != "validUntil"}))
    inputs["expires in a second"] = dumps(issuer.sign(valid, validUntil=dates.to_text(now + timedelta(hours=1))))
    inputs["valid from with offset"] = dumps(issuer.sign(valid, validFrom="2025-01-01T10:00:00+02:00"))
    inputs["valid from 1 January 0001"] = dumps(issuer.sign(valid, validFrom="0001-01-01T00:00:00Z"))
    inputs["not an OB3 type"] = dumps(issuer.sign(valid, type=["VerifiableCredential"]))
    inputs["recipient with markup"] = dumps(issuer.sign(valid, name="<img src=x onerror=alert(1)>"))
    assert not disagreements(issuer, inputs), "\n".join(disagreements(issuer, inputs))


def summary_link(issuer: Issuer, raw: bytes) -> str:
    return f"{issuer.url}verify/#s=" + base64.urlsafe_b64encode(raw).decode().rstrip("=")


def test_malformed_inputs_and_links_get_the_same_verdict(issuer: Issuer) -> None:
    link = next(c.link for c in issuer.cases if c.name == "link-valid")
    assert link is not None
    fragment = link.partition("#")[2]
    raw = base64.urlsafe_b64decode(fragment[2:] + "=" * (-len(fragment[2:]) % 4))
    inputs = {
        "empty": "",
        "spaces": "   \n",
        "an array": "[1, 2]",
        "null": "null",
        "broken JSON": '{"@context": ',
        "NaN": '{"a": NaN}',
        "an empty object": "{}",
        "a number as the issuer": '{"issuer": 5}',
        "the fragment alone": fragment,
        "the fragment with #": "#" + fragment,
        "a link to another site": "https://rogue.example/verify/#" + fragment,
        "a link without summary": f"{issuer.url}verify/#vc=abc",
        "not base64url": f"{issuer.url}verify/#s=ab+c",
        "one character too many": f"{issuer.url}verify/#s=" + fragment[2:] + "A" * ((1 - len(fragment[2:])) % 4 or 4),
        "version 2": summary_link(issuer, b"\x02" + raw[1:]),
        "key 0": summary_link(issuer, raw[:1] + b"\x00" + raw[2:]),
        "list 0": summary_link(issuer, raw[:18] + b"\x00" + raw[19:]),
        "signature cut": summary_link(issuer, raw[:-1]),
        "one byte more": summary_link(issuer, raw + b"\x00"),
        "name not UTF-8": summary_link(issuer, raw[:34] + b"\x02\xff\xfe" + raw[35 + raw[34] :]),
        "list 9 (absent)": summary_link(issuer, raw[:18] + b"\x09" + raw[19:]),
    }
    assert not disagreements(issuer, inputs), "\n".join(disagreements(issuer, inputs))
    decoded = value(node(["summary", fragment])[0])
    summary, body, signature = summaries.decode(fragment)
    assert (decoded["key"], decoded["id"], decoded["list"], decoded["index"]) == (
        summary.key_number,
        summary.credential_id,
        summary.list_number,
        summary.index,
    )
    assert (decoded["name"], decoded["achievement"]) == (summary.name, summary.achievement)
    assert decoded["validFrom"] == int(summary.valid_from.timestamp()) * 1_000_000
    assert (decoded["body"], decoded["signature"]) == (body.hex(), signature.hex())


def test_a_summary_whose_name_runs_to_the_end_cannot_be_checked(issuer: Issuer) -> None:
    raw = b"\x01\x02" + bytes(16) + b"\x01" + bytes(15) + b"\x41" + b"a" * 65
    link = summary_link(issuer, raw)
    assert value(node(["check", link, issuer.env])[0])["verdict"] == "cannot-check"
    assert python_reports(issuer, [link])[0]["verdict"] == "cannot-check"


def test_a_changed_or_broken_issuer_profile_gets_the_same_verdict(issuer: Issuer) -> None:
    """The published profile decides which keys count: keys of another controller, keys not under
    assertionMethod, malformed or retired entries, and an unreadable profile."""
    profile = json.loads((issuer.site / PROFILE).read_text(encoding="utf-8"))
    key2 = next(m for m in profile["verificationMethod"] if m["id"].endswith("#key-2"))

    def with_key2(**changes: Any) -> str:
        methods = [{**m, **changes} if m is key2 else m for m in profile["verificationMethod"]]
        return json.dumps({**profile, "verificationMethod": methods})

    rogue = base58btc_encode(b"\xed\x01" + bytes(range(32)))
    created = dates.utcnow() - timedelta(days=30)
    variants = {
        "as published": json.dumps(profile),
        "another controller": with_key2(controller="https://rogue.example/issuer/profile.json"),
        "not an assertion key": json.dumps({**profile, "assertionMethod": [profile["assertionMethod"][0]]}),
        "another key type": with_key2(type="Ed25519VerificationKey2020"),
        "not an Ed25519 key": with_key2(publicKeyMultibase="z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"[:-3]),
        "revoked (compromised)": with_key2(revoked=dates.to_text(created)),
        "revoked unreadable": with_key2(revoked="yesterday"),
        "an older profile's created": with_key2(created=dates.to_text(created)),
        "created after signing": with_key2(created=dates.to_text(dates.utcnow())),
        "expires unreadable": with_key2(expires="soon"),
        "another key listed later": json.dumps(
            {**profile, "verificationMethod": [*profile["verificationMethod"], {**key2, "publicKeyMultibase": rogue}]}
        ),
        "another issuer id": json.dumps({**profile, "id": "https://rogue.example/issuer/profile.json"}),
        "no id": json.dumps({k: v for k, v in profile.items() if k != "id"}),
        "no keys": json.dumps({**profile, "verificationMethod": []}),
        "not JSON": json.dumps(profile)[:100],
        "an array": "[]",
        "a BOM": "\ufeff" + json.dumps(profile),
    }
    folder = issuer.site / "issuer" / "variants"
    folder.mkdir(exist_ok=True)
    inputs = {name: issuer.input(name) for name in ["valid", "valid-old-key", "revoked", "link-valid", "link-old-key"]}
    found = []
    for number, (variant, text) in enumerate(variants.items()):
        (folder / f"{number}.json").write_text(text, encoding="utf-8")
        found += [f"[{variant}] {line}" for line in disagreements(issuer, inputs, f"issuer/variants/{number}.json")]
    (folder / "missing.json").unlink(missing_ok=True)
    found += [f"[missing] {line}" for line in disagreements(issuer, inputs, "issuer/variants/missing.json")]
    assert not found, "\n".join(found)
