"""`academy issue --requests` and `academy review`: hub-scored certification assessments.

The fixture project's `basics-certificate` has an exam (draw 6 from a pool of 12, pass mark 80 %,
3 attempts, 24 hours apart, held under a median of 8 seconds per question)."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from academy.cli import main
from academy.core import exam as exams
from academy.core.project import load_project
from academy.credentials.issue.requests import (
    Intake,
    RequestError,
    decode_code,
    encode_code,
    find_codes,
    parse_request,
    read_requests,
    score_request,
    to_indices,
)
from academy.credentials.store.attempts import Attempts
from academy.credentials.store.ledger import Ledger
from support.certkit import OB3_SCHEMA, academy, conformance, record, tree, write_json
from support.requestkit import EXAM, START, STRATEGIES, forged, genuine, stamp

LEDGER = ".academy/ledger.sqlite3"
RESULTS = ".academy/results"


def run(project: Path, *args: str | Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """`academy ARGS` in-process (fast), in the project folder; a few tests run it as a subprocess."""
    with contextlib.chdir(project):
        code = main([*map(str, args)])
    out = capsys.readouterr()
    return code, out.out, out.err


def attempts_of(project: Path) -> list[tuple[str, int, str]]:
    if not (project / LEDGER).exists():
        return []
    db = sqlite3.connect(project / LEDGER)
    try:
        return [tuple(r) for r in db.execute("SELECT email, attempt, outcome FROM attempts ORDER BY id")]
    except sqlite3.OperationalError:
        return []
    finally:
        db.close()


def issued(project: Path) -> list[dict]:
    return [json.loads(p.read_text()) for p in sorted((project / ".academy/issued").glob("*.json"))]


# The genuine path -----------------------------------------------------------------------------


def test_a_genuine_request_is_scored_and_issued_with_result_and_evidence(keyed: Path) -> None:
    write_json(keyed / f"request-{EXAM}-1.json", genuine(keyed))
    result = academy("issue", "--requests", f"request-{EXAM}-1.json", cwd=keyed)
    assert result.returncode == 0, result.stderr
    assert "issued   request-basics-certificate-1.json: basics-certificate to Ana Ruiz <ana.ruiz@example.com>" in (
        result.stdout
    )
    assert "1 issued, 0 failed, 0 held, 0 already processed, 0 refused." in result.stdout
    (credential,) = issued(keyed)
    subject = credential["credentialSubject"]
    description = subject["achievement"]["resultDescription"][0]
    assert description["resultType"] == "Percent" and description["requiredValue"] == "80"
    assert subject["result"] == [{"type": ["Result"], "resultDescription": description["id"], "value": "100"}]
    assert credential["evidence"][0]["narrative"] == "hub-scored assessment, 6 questions drawn from 12, 100 %"
    assert "ana.ruiz@example.com" not in json.dumps(credential)  # the address is only stored hashed
    text = (keyed / RESULTS / "basics-certificate-ana-ruiz-example-com-1.txt").read_text()
    assert "PASSED with 100 % (pass mark 80 %)." in text and credential["id"] in text
    assert attempts_of(keyed) == [("ana.ruiz@example.com", 1, "issued")]
    verified = academy("verify", "-q", ".academy/issued", cwd=keyed)
    assert verified.returncode == 0, verified.stdout


def test_credentials_with_result_and_evidence_validate_against_the_ob3_schema(keyed: Path, capsys) -> None:
    import jsonschema

    schema = json.loads(conformance("ob3", OB3_SCHEMA.name).read_text())
    write_json(keyed / "r.json", genuine(keyed, right=5))
    assert run(keyed, "issue", "--requests", "r.json", capsys=capsys)[0] == 0
    (keyed / "roster.csv").write_text("name,email\nBo,bo@example.org\n")
    code, _, err = run(
        keyed, "issue", "--roster", "roster.csv", "--certificate", EXAM, "--workshop-date", "2026-11-20", capsys=capsys
    )
    assert code == 0, err
    exam_credential, roster_credential = sorted(issued(keyed), key=lambda c: "result" in c["credentialSubject"])[::-1]
    for credential in (exam_credential, roster_credential):
        jsonschema.Draft201909Validator(schema).validate(credential)
    assert exam_credential["credentialSubject"]["result"][0]["value"] == "83.33"
    assert exam_credential["evidence"][0]["narrative"] == "hub-scored assessment, 6 questions drawn from 12, 83.33 %"
    assert "result" not in roster_credential["credentialSubject"]
    assert roster_credential["evidence"][0]["narrative"] == "trainer-attested: attended the live workshop on 2026-11-20"


def test_a_failed_request_gets_its_score_and_modules_to_revisit_but_never_the_key(keyed: Path, capsys) -> None:
    request = genuine(keyed, right=2)
    write_json(keyed / "r.json", request)
    code, out, _ = run(keyed, "issue", "--requests", "r.json", capsys=capsys)
    assert code == 0 and "failed   r.json: Ana Ruiz <ana.ruiz@example.com> attempt 1: 33.33 %" in out
    assert not issued(keyed)
    text = (keyed / RESULTS / "basics-certificate-ana-ruiz-example-com-1.txt").read_text()
    assert "Not passed: 33.33 % (pass mark 80 %)." in text and "Modules to revisit:" in text
    assert "Beta: common sense" in text and "take the assessment again as attempt 2" in text
    exam = load_project(keyed).exams[EXAM]
    for question in exam.questions:  # no option, item, side, accepted answer or feedback
        q = question.question
        secrets = [o.text for o in q.options] + list(q.items) + list(q.accept) + [o.feedback for o in q.options]
        secrets += [p.right for p in q.pairs] + [question.id.split("/")[1]]
        for secret in filter(None, secrets):
            assert secret not in text
    assert attempts_of(keyed) == [("ana.ruiz@example.com", 1, "failed")]


# Attempts, waiting time, changed pools, wrong draws ---------------------------------------------


def test_attempts_are_limited_and_counted_again_after_a_pass(keyed: Path, capsys) -> None:
    for attempt in (1, 2, 3):
        write_json(keyed / f"r{attempt}.json", genuine(keyed, attempt=attempt, right=1))
    code, out, _ = run(keyed, "issue", "--requests", "r1.json", "r2.json", "r3.json", capsys=capsys)
    assert code == 0 and "0 issued, 3 failed" in out
    write_json(keyed / "r4.json", genuine(keyed, attempt=4))
    code, _, err = run(keyed, "issue", "--requests", "r4.json", capsys=capsys)
    assert code == 1 and "ana.ruiz@example.com has used all 3 attempts at basics-certificate" in err
    assert [a[2] for a in attempts_of(keyed)] == ["failed"] * 3  # the refusal is no attempt
    # Someone else passes, then may renew: the count starts again after a pass.
    for attempt, right in ((1, None), (2, 0), (3, 1), (4, 2)):
        write_json(keyed / f"b{attempt}.json", genuine(keyed, email="bo@example.org", attempt=attempt, right=right))
    code, out, err = run(keyed, "issue", "--requests", *(f"b{n}.json" for n in (1, 2, 3, 4)), capsys=capsys)
    assert code == 0, err
    assert [a[2] for a in attempts_of(keyed) if a[0] == "bo@example.org"] == ["issued", "failed", "failed", "failed"]
    write_json(keyed / "b5.json", genuine(keyed, email="bo@example.org", attempt=5))
    assert "has used all 3 attempts" in run(keyed, "issue", "--requests", "b5.json", capsys=capsys)[2]


def test_the_attempt_number_must_follow_the_ledger(keyed: Path, capsys) -> None:
    write_json(keyed / "r.json", genuine(keyed, attempt=2))
    code, _, err = run(keyed, "issue", "--requests", "r.json", capsys=capsys)
    assert code == 1
    assert "this is attempt 2, but the ledger has 0 attempt(s) of ana.ruiz@example.com" in err
    assert "take the assessment again as attempt 1" in err and attempts_of(keyed) == []


def test_the_waiting_time_between_attempts(keyed: Path, capsys) -> None:
    write_json(keyed / "r1.json", genuine(keyed, right=0, submitted=START))
    write_json(keyed / "r2.json", genuine(keyed, attempt=2, submitted=START + timedelta(hours=3)))
    code, out, err = run(keyed, "issue", "--requests", "r1.json", "r2.json", capsys=capsys)
    assert code == 1 and "0 issued, 1 failed" in out
    assert "attempt 2 was submitted 3.0 hours after attempt 1; the rule asks for 24 hours between attempts" in err
    assert "may take it again from 2026-11-03T09:00:00Z" in err
    write_json(keyed / "r2.json", genuine(keyed, attempt=2, submitted=START + timedelta(hours=24)))
    code, out, err = run(keyed, "issue", "--requests", "r2.json", capsys=capsys)
    assert code == 0 and "1 issued" in out, err


def test_a_request_for_questions_that_changed_is_refused(keyed: Path, capsys) -> None:
    request = genuine(keyed)
    asked = request["questions"][0]["id"]
    module, question = asked.split("/")
    bank = keyed / f"curriculum/exams/{module}.yml"
    text = bank.read_text()
    exam = load_project(keyed).exams[EXAM]
    prompt = exam.question(asked).question.prompt
    bank.write_text(text.replace(f"prompt: {prompt}", f"prompt: {prompt} (revised)", 1))
    assert load_project(keyed).exams[EXAM].question(asked).hash != request["questions"][0]["hash"]
    write_json(keyed / "r.json", request)
    code, _, err = run(keyed, "issue", "--requests", "r.json", capsys=capsys)
    assert code == 1
    assert f"the questions changed since the learner started (1 of 6: {asked}): ask them to take the assessment again" in err
    assert attempts_of(keyed) == [] and not issued(keyed)
    # Fixing feedback or the key's explanation changes nothing the learner saw.
    bank.write_text(text.replace("feedback: Discloses and thanks.", "feedback: Discloses, thanks."))
    assert run(keyed, "issue", "--requests", "r.json", capsys=capsys)[0] == 0


@pytest.mark.parametrize("tamper", ["swap", "other-learner", "reorder", "drop"])
def test_a_request_that_is_not_the_learners_draw_is_refused(keyed: Path, capsys, tamper: str) -> None:
    request = genuine(keyed)
    exam = load_project(keyed).exams[EXAM]
    asked = {q["id"] for q in request["questions"]}
    if tamper == "swap":  # an easier question from the pool, answered right
        other = next(q for q in exam.questions if q.id not in asked)
        from support.requestkit import right_response

        request["questions"][0] = {"id": other.id, "hash": other.hash, "response": right_response(other), "seconds": 30}
    elif tamper == "other-learner":  # a friend's right answers under one's own name
        request = genuine(keyed, email="friend@example.org")
        request["learner"] = {"name": "Ana Ruiz", "email": "ana.ruiz@example.com"}
    elif tamper == "reorder":
        request["questions"].reverse()
    else:
        request["questions"].pop()
    write_json(keyed / "r.json", request)
    code, _, err = run(keyed, "issue", "--requests", "r.json", capsys=capsys)
    assert code == 1 and "the questions are not the ones drawn for ana.ruiz@example.com at attempt 1" in err
    assert attempts_of(keyed) == [] and not issued(keyed)


# Implausible timing, review ----------------------------------------------------------------------


def test_an_implausibly_fast_pass_is_held_then_approved(keyed: Path, capsys) -> None:
    write_json(keyed / "fast.json", genuine(keyed, seconds=3))
    code, out, _ = run(keyed, "issue", "--requests", "fast.json", capsys=capsys)
    assert code == 0 and "0 issued, 0 failed, 1 held" in out
    assert "median 3 seconds per question, below the 8 seconds the rule expects" in out
    assert not issued(keyed) and attempts_of(keyed) == [("ana.ruiz@example.com", 1, "held")]
    text = (keyed / RESULTS / "basics-certificate-ana-ruiz-example-com-1.txt").read_text()
    assert "being reviewed" in text
    # The reviewer lists and approves it, as a user does: the CLI as a subprocess.
    listed = academy("review", cwd=keyed)
    assert listed.returncode == 0 and "1 request(s) held for review." in listed.stdout
    short = listed.stdout.split()[0]
    assert "Ana Ruiz <ana.ruiz@example.com>  attempt 1  100 %" in listed.stdout
    approved = academy("review", "--approve", short, cwd=keyed)
    assert approved.returncode == 0, approved.stderr
    assert f"issued   {short}: basics-certificate to Ana Ruiz" in approved.stdout
    assert attempts_of(keyed) == [("ana.ruiz@example.com", 1, "issued")] and len(issued(keyed)) == 1
    assert "0 request(s) held" in academy("review", cwd=keyed).stdout
    every = academy("review", "--all", cwd=keyed).stdout
    assert f"{short}  " in every and "attempt 1  100 %  issued  urn:uuid:" in every and "1 attempt(s)." in every
    again = academy("review", "--approve", short, cwd=keyed)
    assert again.returncode == 1 and f'no held request has the id "{short}"' in again.stderr
    # Handing the same request in again changes nothing.
    code, out, _ = run(keyed, "issue", "--requests", "fast.json", capsys=capsys)
    assert code == 0 and "already processed on" in out and len(issued(keyed)) == 1


def test_a_held_request_can_be_rejected_and_still_counts(keyed: Path, capsys) -> None:
    request = genuine(keyed, seconds=30)
    request["started"] = stamp(START + timedelta(minutes=29))  # 180 s of answers in 60 s
    write_json(keyed / "r.json", request)
    code, out, _ = run(keyed, "issue", "--requests", "r.json", capsys=capsys)
    assert code == 0 and "the times per question add up to 180 seconds, more than the" in out
    short = Attempts(Ledger(keyed / LEDGER)).held()[0].short
    code, out, _ = run(keyed, "review", "--reject", short, "--reason", "answered for someone else", capsys=capsys)
    assert code == 0 and "rejected" in out
    assert attempts_of(keyed) == [("ana.ruiz@example.com", 1, "rejected")] and not issued(keyed)
    text = (keyed / RESULTS / "basics-certificate-ana-ruiz-example-com-1.txt").read_text()
    assert "not accepted" in text and "answered for someone else" in text


# Bad input ---------------------------------------------------------------------------------------


def test_bad_input_gets_a_message_per_file_and_loses_no_ledger_entry(keyed: Path, capsys) -> None:
    write_json(keyed / "first.json", genuine(keyed, email="first@example.org", name="First"))
    assert run(keyed, "issue", "--requests", "first.json", capsys=capsys)[0] == 0
    before = Ledger(keyed / LEDGER).entries(), attempts_of(keyed)
    good = genuine(keyed)
    text = json.dumps(good)
    inbox = keyed / "inbox"
    inbox.mkdir()
    (inbox / "a-truncated.json").write_text(text[: len(text) // 2])
    (inbox / "b-not-json.json").write_text("{\n  \"format\": \"academy-request/1\",\n  \"learner\": \n}\n")
    code = encode_code(genuine(keyed, email="cut@example.org"))
    (inbox / "c-cut-code.txt").write_text(f"Hi,\n\n{code[: len(code) // 2]}\n")
    (inbox / "d-unknown.json").write_text(json.dumps({**good, "certificate": "nope-certificate"}))
    (inbox / "e-roster-only.json").write_text(json.dumps({**good, "certificate": "alpha-only-certificate"}))
    (inbox / "f-fields.json").write_text(json.dumps({**good, "attempt": 0, "extra": 1, "learner": {"name": ""}}))
    (inbox / "g-empty.txt").write_text("nothing here\n")
    (inbox / "h-array.json").write_text("[1, 2]")
    code_, out, err = run(keyed, "issue", "--requests", inbox, capsys=capsys)
    assert code_ == 1 and "0 issued, 0 failed, 0 held, 0 already processed, 8 refused." in out
    lines = err.splitlines()
    expect = {
        "a-truncated.json": "not valid JSON",
        "b-not-json.json": "line 4, column 1: not valid JSON (Expecting value)",
        "c-cut-code.txt": "the code is",
        "d-unknown.json": 'certificate "nope-certificate" does not exist — certificates with an exam: basics-certificate',
        "e-roster-only.json": 'certificate "alpha-only-certificate" has no exam: it is earned only through a live workshop',
        "f-fields.json": 'field "attempt" must be a whole number from 1',
        "g-empty.txt": "no certificate request in it",
        "h-array.json": "the file is not a certificate request",
    }
    for name, message in expect.items():
        line = next(line for line in lines if f"/{name}:" in line)
        assert line.startswith("academy issue: ") and message in line, line
    assert 'unknown field "extra"' in err and 'field "learner.email" must be an e-mail address' in err
    assert (Ledger(keyed / LEDGER).entries(), attempts_of(keyed)) == before
    # A good request in the same batch is still issued; the exit code still flags the refusals.
    write_json(inbox / "z-good.json", good)
    code_, out, _ = run(keyed, "issue", "--requests", inbox, capsys=capsys)
    assert code_ == 1 and "1 issued" in out and "8 refused" in out
    assert len(Ledger(keyed / LEDGER).entries()) == len(before[0]) + 1


def test_a_missing_file_and_an_empty_folder(keyed: Path, capsys) -> None:
    code, _, err = run(keyed, "issue", "--requests", "missing.json", capsys=capsys)
    assert code == 1 and "missing.json: cannot read the file (No such file or directory)" in err
    (keyed / "empty").mkdir()
    code, _, err = run(keyed, "issue", "--requests", "empty", capsys=capsys)
    assert code == 1 and "no certificate requests found in empty" in err


def test_the_code_in_an_e_mail_from_the_learners_own_address(keyed: Path, capsys) -> None:
    code = encode_code(genuine(keyed))
    wrapped = "\n".join("> " + code[i : i + 60] + "=" for i in range(0, len(code), 60)).rstrip("=")
    (keyed / "mail.eml").write_text(
        f"From: Ana Ruiz <Ana.Ruiz@example.com>\nSubject: certificate\n\nHello, my request:\n\n{wrapped}\nRegards\n"
    )
    (keyed / "forward.txt").write_text(f"From: mallory@example.org\nSubject: fwd\n\n{code}\n")
    code_, out, err = run(keyed, "issue", "--requests", "forward.txt", "mail.eml", capsys=capsys)
    assert "forward.txt: the e-mail came from mallory@example.org but the request is for ana.ruiz@example.com" in err
    assert code_ == 1 and "issued   mail.eml" in out


def test_a_mime_e_mail_with_base64_and_html_parts_holds_one_request(keyed: Path, capsys) -> None:
    from email.message import EmailMessage

    code = encode_code(genuine(keyed))
    message = EmailMessage()
    message["From"] = '"Ruiz, Ana" <ana.ruiz@example.com>'
    message["To"] = "academy@example.org"
    message["Subject"] = "Certificate request"
    message.set_content(f"Hello,\n\nmy request: {code}\n\nAna\n", cte="base64")
    message.add_alternative(f"<p>Hello,</p><p>my request: <code>{code}</code></p>", subtype="html")
    (keyed / "mail.eml").write_bytes(bytes(message))
    assert code not in (keyed / "mail.eml").read_text()  # only decoding the parts finds it
    (found,) = read_requests(keyed / "mail.eml")
    assert found[0] == str(keyed / "mail.eml") and not isinstance(found[1], RequestError)
    assert found[1].sender == "ana.ruiz@example.com"
    result, out, err = run(keyed, "issue", "--requests", "mail.eml", capsys=capsys)
    assert result == 0 and "1 issued" in out, err


def test_a_duplicate_is_already_processed(keyed: Path, capsys) -> None:
    request = genuine(keyed, right=0)
    write_json(keyed / "r.json", request)
    (keyed / "r.txt").write_text(encode_code(request))  # the same request as a code
    code, out, _ = run(keyed, "issue", "--requests", "r.json", "r.txt", capsys=capsys)
    assert code == 0 and "1 failed" in out and "1 already processed" in out
    assert "already processed on" in out and "(failed, 0 %); nothing changed" in out
    assert len(attempts_of(keyed)) == 1


def test_a_request_submitted_in_the_future_or_started_after_it_ends(keyed: Path, capsys) -> None:
    future = genuine(keyed, submitted=START + timedelta(days=3650))
    write_json(keyed / "future.json", future)
    backwards = genuine(keyed)
    backwards["started"], backwards["submitted"] = backwards["submitted"], backwards["started"]
    write_json(keyed / "backwards.json", backwards)
    code, _, err = run(keyed, "issue", "--requests", "future.json", "backwards.json", capsys=capsys)
    assert code == 1 and "is in the future" in err and 'field "started" is after "submitted"' in err
    assert attempts_of(keyed) == []


def test_results_never_go_into_the_site(keyed: Path, capsys) -> None:
    write_json(keyed / "r.json", genuine(keyed))
    code, _, err = run(keyed, "issue", "--requests", "r.json", "--results", "site/results", capsys=capsys)
    assert code == 1 and "must stay outside site/" in err and not (keyed / "site").exists()


def test_completion_records_handed_in_as_requests_earn_nothing(keyed: Path, capsys) -> None:
    write_json(keyed / "alpha.json", record(keyed, "alpha"))
    write_json(keyed / "beta.json", record(keyed, "beta"))
    before = tree(keyed / ".academy")
    code, _, err = run(keyed, "issue", "--requests", "alpha.json", "beta.json", capsys=capsys)
    assert code == 1 and err.count("practice quizzes never earn a certificate") == 2
    assert tree(keyed / ".academy") == before


# Forgeries from what the site publishes ----------------------------------------------------------


def test_requests_forged_from_the_public_exam_issue_nothing(keyed: Path) -> None:
    """The draw is public (the page needs it), the key is not: every guessing strategy over the
    public exam JSON fails, for many learners. A leaked key would make `first` or `longest` pass."""
    project = load_project(keyed)
    public = json.loads(json.dumps(exams.public_exam(project.exams[EXAM])))
    calls: list[object] = []

    def issue_one(award: object) -> tuple[str, tuple[Path, ...]]:
        calls.append(award)
        return "urn:uuid:never", ()

    intake = Intake(project, Attempts(Ledger(keyed / LEDGER)), issue_one, keyed / RESULTS)
    best = 0.0
    for n in range(25):
        for strategy in STRATEGIES:
            request = parse_request(forged(public, f"mallory{n}-{strategy}@example.org", 1, strategy, seed=n))
            assert not exams_check(project, request), strategy  # it is the right draw with the right hashes
            score = score_request(project.exams[EXAM], request)
            best = max(best, score.percent)
            outcome = intake.take(request)
            assert outcome.kind == "failed", (strategy, n, outcome.message)
    assert not calls and best < 80
    # The same forger with the key passes: the test can fail.
    request = parse_request(genuine(keyed, email="mallory99@example.org"))
    assert intake.take(request).kind == "issued" and len(calls) == 1


def exams_check(project, request, exam_id: str = EXAM) -> list[str]:
    from academy.credentials.issue.requests import check_draw

    return check_draw(project.exams[exam_id], request)


# Units: codes, parsing, scoring by public ids ----------------------------------------------------


def test_the_code_round_trips_and_is_raw_deflate_base64url() -> None:
    import base64
    import zlib

    data = {"format": "academy-request/1", "learner": {"name": "Zoë"}, "x": "é" * 50}
    code = encode_code(data)
    assert code.startswith("ACR1:") and "=" not in code and "+" not in code and "/" not in code
    body = code.removeprefix("ACR1:")
    raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    assert json.loads(zlib.decompress(raw, -15)) == data
    assert json.loads(decode_code(code)) == data
    for bad in (code[:-6], "ACR1:", "ACR1:!!!!", code[:6] + "A" * 10):
        with pytest.raises(ValueError):
            decode_code(bad)
    assert find_codes(f"see {code} thanks") == [code]


def test_read_requests_finds_every_code_of_a_text(tmp_path: Path, keyed: Path) -> None:
    one, two = genuine(keyed), genuine(keyed, email="bo@example.org", name="Bo")
    (tmp_path / "two.txt").write_text(f"first {encode_code(one)}\nsecond:\n{encode_code(two)}\n")
    found = read_requests(tmp_path / "two.txt")
    assert [w for w, _ in found] == [f"{tmp_path / 'two.txt'} (code 1)", f"{tmp_path / 'two.txt'} (code 2)"]
    assert [r.email for _, r in found if not isinstance(r, RequestError)] == ["ana.ruiz@example.com", "bo@example.org"]


def test_responses_by_public_id_map_to_the_scorer(keyed: Path) -> None:
    exam = load_project(keyed).exams[EXAM]
    safe = exam.question("alpha/safe-topics")
    ids = exams.option_pids(safe)
    assert to_indices(safe, [ids[3], ids[0]]) == [0, 3]
    assert to_indices(safe, [ids[0], ids[0]]) is None and to_indices(safe, ["nope"]) is None
    roles = exam.question("beta/roles")
    lefts, rights = exams.left_pids(roles), exams.right_pids(roles)
    assert to_indices(roles, {lefts[0]: rights[0], lefts[1]: rights[2]}) == [0, 2, None]
    assert to_indices(roles, {"x": rights[0]}) is None
    steps = exam.question("alpha/escalate-steps")
    assert to_indices(steps, list(reversed(exams.item_pids(steps)))) == [3, 2, 1, 0]
    tag = exam.question("alpha/disclosure-tag")
    assert to_indices(tag, " AD ") == " AD " and to_indices(tag, 3) is None
    first = exam.question("alpha/first-words")
    assert to_indices(first, exams.option_pids(first)[0]) == 0 and to_indices(first, 0) is None


def test_parse_request_lists_every_problem() -> None:
    with pytest.raises(RequestError) as caught:
        parse_request(
            {
                "format": "academy-request/1",
                "certificate": "",
                "learner": {"name": "A", "email": "nope", "x": 1},
                "attempt": True,
                "started": "yesterday",
                "submitted": "2026-12-01T10:00:00",
                "questions": [{"id": "a/b", "hash": 1, "response": None, "seconds": -1}, "x"],
            }
        )
    problems = "\n".join(caught.value.problems)
    for message in (
        'field "certificate" must be a certificate id',
        'unknown field "learner.x"',
        'field "learner.email" must be an e-mail address',
        'field "attempt" must be a whole number from 1',
        'field "started" must be an ISO-8601 date and time with time zone',
        'field "submitted" must be an ISO-8601',
        'field "questions[0].hash" must be the question\'s hash',
        'field "questions[0].seconds" must be a number of seconds',
        'field "questions[1]" must be an object',
    ):
        assert message in problems


def test_a_crash_while_issuing_resumes_on_the_next_run_without_a_second_certificate(keyed: Path) -> None:
    from academy.credentials.issue.issuer import Issuer

    project = load_project(keyed)
    ledger = Ledger(keyed / LEDGER)
    issuer = Issuer(project, ledger=ledger)
    calls = []

    def crashing(award: object) -> tuple[str, tuple[Path, ...]]:
        calls.append(award)
        raise OSError("disk full")

    def issuing(award: object) -> tuple[str, tuple[Path, ...]]:
        calls.append(award)
        (result,) = issuer.issue([award])
        return result.entry.id, (result.json_path, result.pdf_path)

    request = parse_request(genuine(keyed))
    with pytest.raises(OSError):
        Intake(project, Attempts(ledger), crashing, keyed / RESULTS).take(request)
    assert attempts_of(keyed) == [("ana.ruiz@example.com", 1, "issuing")] and not ledger_entries(keyed)
    again = Intake(project, Attempts(ledger), issuing, keyed / RESULTS)
    assert again.take(request).kind == "issued"
    assert again.take(request).kind == "duplicate"
    assert attempts_of(keyed) == [("ana.ruiz@example.com", 1, "issued")] and len(ledger_entries(keyed)) == 1
    # The award is keyed by the request: even issuing it twice yields the one certificate.
    (first,) = issuer.issue([calls[-1]])
    assert not first.new and first.entry.id == ledger_entries(keyed)[0].id


def ledger_entries(project: Path) -> list:
    return Ledger(project / LEDGER).entries() if (project / LEDGER).exists() else []


def test_no_guessing_strategy_passes_a_fixture_exam() -> None:
    """Over the mini fixture (whose banks are written like real ones; an adopter's are its own, and
    their placeholder questions guessable until written): every certificate has an exam, and requests
    forged from its public JSON (first, last, longest, shortest, all, random options) score below
    its pass mark."""
    from support.certkit import ROOT

    project = load_project(ROOT / "tests" / "fixtures" / "mini")
    assert project.exams and set(project.exams) == set(project.certificates)
    for exam in project.exams.values():
        public = json.loads(json.dumps(exams.public_exam(exam)))
        scores = []
        for n in range(12):
            for strategy in STRATEGIES:
                request = parse_request(forged(public, f"guess{n}@example.org", 1, strategy, seed=n))
                assert not exams_check(project, request, exam.id)
                scores.append(score_request(exam, request).percent)
        assert max(scores) < exam.pass_mark, (exam.id, max(scores))
