"""Certificates in the learner's language: a request from the Dutch exam page, issued through the CLI.

The fixture project gains `languages: [en, nl, da]` and a Dutch text of `basics-certificate` (as
`curriculum/certificates/<id>.nl.yml`, beside its source); Danish has no translation of it. A Dutch
request gives a credential whose achievement speaks Dutch (`inLanguage: nl`) and names the English
original as `related`; it validates against the 1EdTech OB3 schema, both proofs verify, and the PDF
has Dutch labels and a Dutch date. Requests without a language, and rules with no text in the
request's language, stay in the source language and say so.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from academy.credentials.crypto import rdfc
from support.certkit import OB3_SCHEMA, academy, conformance, write_json
from support.i18ncertkit import DUTCH_CRITERIA, DUTCH_DESCRIPTION, DUTCH_TITLE, make_multilingual
from support.requestkit import EXAM, genuine


@pytest.fixture
def multilingual(keyed: Path) -> Path:
    make_multilingual(keyed)
    return keyed


def issue(project: Path, request: dict, name: str = "request.json") -> dict:
    """`academy issue --requests FILE` as the hub runs it; the credential it wrote."""
    write_json(project / name, request)
    before = set((project / ".academy" / "issued").glob("*.json"))
    result = academy("issue", "--requests", name, cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    (new,) = set((project / ".academy" / "issued").glob("*.json")) - before
    return json.loads(new.read_text(encoding="utf-8"))


def test_a_dutch_request_gives_a_dutch_credential_that_validates_and_verifies(multilingual: Path) -> None:
    import jsonschema

    request = genuine(multilingual, name="Søren Ærøskøbing", email="soren@example.org") | {"language": "nl"}
    credential = issue(multilingual, request)
    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["name"] == credential["name"] == DUTCH_TITLE
    assert achievement["description"] == credential["description"] == DUTCH_DESCRIPTION
    assert achievement["criteria"]["narrative"] == DUTCH_CRITERIA
    assert achievement["inLanguage"] == "nl"
    site = "https://academy.test.example/"
    # One achievement id in every language (the English page); the criteria are the Dutch page.
    assert achievement["id"] == f"{site}certificates/{EXAM}/"
    assert achievement["criteria"]["id"] == f"{site}nl/certificates/{EXAM}/"
    # Danish has no text of this rule, so only the English original is related.
    assert achievement["related"] == [{"id": f"{site}certificates/{EXAM}/", "type": ["Related"], "inLanguage": "en"}]
    assert achievement["resultDescription"][0]["name"] == "Score in de door de hub beoordeelde certificeringstoets"
    assert credential["evidence"][0]["name"] == "Door de hub beoordeelde certificeringstoets"
    schema = json.loads(conformance("ob3", OB3_SCHEMA.name).read_text(encoding="utf-8"))
    jsonschema.Draft201909Validator(schema).validate(credential)
    assert [p["cryptosuite"] for p in credential["proof"]] == ["eddsa-jcs-2022", "eddsa-rdfc-2022"]
    # JSON-LD safe mode: inLanguage and related are terms the OB 3.0 context defines (nothing dropped).
    rdfc.expand(credential)
    verified = academy("verify", "--json", ".academy/issued", cwd=multilingual)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    (report,) = json.loads(verified.stdout)
    assert report["verdict"] == "valid" and report["achievement"] == DUTCH_TITLE
    # The ledger keeps the rule's source title, for the hub's exports.
    listed = academy("ledger", "export", "--csv", cwd=multilingual)
    assert "Certified Basics" in listed.stdout and DUTCH_TITLE not in listed.stdout


def test_an_english_credential_names_its_dutch_translation_as_related(multilingual: Path) -> None:
    credential = issue(multilingual, genuine(multilingual))  # "language": "en", as the English page writes
    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["name"] == "Certified Basics" and achievement["inLanguage"] == "en"
    site = "https://academy.test.example/"
    assert achievement["criteria"]["id"] == f"{site}certificates/{EXAM}/"
    assert achievement["related"] == [
        {"id": f"{site}nl/certificates/{EXAM}/", "type": ["Related"], "inLanguage": "nl"}
    ]


def test_a_language_without_a_translation_or_no_language_gives_the_source_text(multilingual: Path) -> None:
    danish = issue(multilingual, genuine(multilingual) | {"language": "da"})
    achievement = danish["credentialSubject"]["achievement"]
    # The text is English, so the credential says English (never "da" over an English text).
    assert achievement["name"] == "Certified Basics" and achievement["inLanguage"] == "en"
    old = genuine(multilingual, email="old@example.org")
    del old["language"]  # a request from before languages
    achievement = issue(multilingual, old, "old.json")["credentialSubject"]["achievement"]
    assert achievement["inLanguage"] == "en" and achievement["name"] == "Certified Basics"


def test_a_reissue_keeps_the_language_of_the_certificate_it_replaces(multilingual: Path) -> None:
    credential = issue(multilingual, genuine(multilingual) | {"language": "nl"})
    result = academy("reissue", credential["id"], "--reason", "name corrected", "--name", "Ana Ruiz Soto", cwd=multilingual)
    assert result.returncode == 0, result.stdout + result.stderr
    issued = [json.loads(p.read_text(encoding="utf-8")) for p in (multilingual / ".academy" / "issued").glob("*.json")]
    (again,) = [c for c in issued if c["id"] != credential["id"]]
    assert again["credentialSubject"]["achievement"]["inLanguage"] == "nl"
    assert again["name"] == DUTCH_TITLE


def test_a_single_language_site_states_its_language_and_nothing_related(keyed: Path) -> None:
    achievement = issue(keyed, genuine(keyed))["credentialSubject"]["achievement"]
    assert achievement["inLanguage"] == "en" and "related" not in achievement


def test_a_roster_gives_each_attendee_the_language_of_their_line(multilingual: Path) -> None:
    roster = multilingual / "roster.csv"
    roster.write_text("name,email,language\nBo,bo@example.org,nl\nCy,cy@example.org,\n", encoding="utf-8")
    result = academy("issue", "--roster", roster, "--certificate", EXAM, cwd=multilingual)
    assert result.returncode == 0, result.stdout + result.stderr
    issued = [json.loads(p.read_text(encoding="utf-8")) for p in (multilingual / ".academy" / "issued").glob("*.json")]
    by_name = {c["credentialSubject"]["identifier"][0]["identityHash"]: c for c in issued}
    assert by_name["Bo"]["name"] == DUTCH_TITLE and by_name["Bo"]["credentialSubject"]["achievement"]["inLanguage"] == "nl"
    assert by_name["Cy"]["credentialSubject"]["achievement"]["inLanguage"] == "en"
    assert by_name["Bo"]["evidence"][0]["name"] == "Door de trainer bevestigde workshop"
    roster.write_text("name,email,language\nDi,di@example.org,xx\n", encoding="utf-8")
    refused = academy("issue", "--roster", roster, "--certificate", EXAM, cwd=multilingual)
    assert refused.returncode == 1
    assert f'{roster}:2: language "xx" is not one of the site\'s languages (en, nl, da)' in refused.stderr
