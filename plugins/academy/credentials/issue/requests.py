"""Certificate requests: what a learner hands in after the exam, and how the hub takes them in.

A request is the JSON `{"format": "academy-request/1", "certificate", "learner": {"name",
"email", "department"?}, "cohort"?, "language"?, "attempt", "started", "submitted",
"practice"?, "questions": [{"id", "hash", "response", "seconds"}]}` (the contract of issue
#11), handed in as `request-<certificate>-<attempt>.json` or as the compact code
`ACR1:<base64url of raw DEFLATE of the JSON>` inside any text, e.g. a saved e-mail.
`language` is the exam page's (one of site.yml's `languages:`; absent: the source language): the
certificate is issued in it; it never changes the score (every language's request is scored with
the one key of the source bank).

`Intake.process` checks every request against the current exam and the ledger, then scores
it with the withheld key, issues the certificate of a pass, records every attempt and writes
each learner a short result (never the key). Checks, in order:

1. readable: a JSON object, or a complete `ACR1:` code; the fields of the format;
2. the certificate exists and has an exam; an e-mail's `From:` is the learner's address;
3. the questions are exactly the learner's draw for (certificate, e-mail, attempt), and each
   hash is the current question's: else "the questions changed since the learner started";
4. not processed before (same SHA-256 of the canonical JSON: "already processed");
5. attempt = attempts recorded + 1; at most `max_attempts` since the last pass; `wait_hours`
   since the previous attempt's `submitted`; timestamps in order and not in the future;
6. scored; a pass whose median seconds per question is below `min_median_seconds` (or whose
   times add up to more than the time taken) is held for review instead of issued.

A request refused at steps 1 to 5 is no attempt: nothing is recorded.
"""

from __future__ import annotations

import base64
import email
import email.policy
import email.utils
import hashlib
import json
import re
import statistics
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from fractions import Fraction
from pathlib import Path
from typing import Any

from academy.core import exam as exams
from academy.core.problems import Problems
from academy.core.scoring import credit, percent_of
from academy.errors import AcademyError
from academy.i18n.languages import KNOWN, Languages, load_languages

from .. import dates
from ..crypto.canonical import CanonicalizationError, canonicalize, loads
from ..documents import ob3
from ..store.attempts import Attempt, AttemptBook, Attempts
from ..store.files import private_folder, write_atomic

REQUEST_FORMAT = "academy-request/1"
CODE_PREFIX = "ACR1:"
#: The largest request the hub reads (bytes of text, and of JSON after inflating a code).
MAX_BYTES = 2_000_000
#: How far a request's `submitted` may be ahead of the hub's clock (clock skew).
CLOCK_SKEW = timedelta(minutes=10)
#: Slack when comparing the sum of the seconds per question with the time taken.
TIME_SLACK = 60
_FIELDS = {"format", "certificate", "learner", "cohort", "language", "attempt", "started", "submitted"}
_FIELDS |= {"practice", "questions"}
_REQUIRED = ("format", "certificate", "learner", "attempt", "started", "submitted", "questions")
_QUESTION_FIELDS = ("id", "hash", "response", "seconds")
#: What the hub says about a practice quiz's completion record handed in as a request.
PRACTICE_RECORD = (
    "this is a practice-quiz completion record: practice quizzes never earn a certificate — the learner takes the "
    "certificate's assessment on its exam page and hands in the certificate request it makes"
)
_CODE_CHARS = re.compile(r"[A-Za-z0-9_-]+")
#: The first line of a saved e-mail: a header such as `From: …`, `Received: …`, `Return-Path: …`.
_MAIL_HEADER = re.compile(r"(?:[A-Za-z][A-Za-z0-9-]*:[^\n]*\n)+(?:[ \t][^\n]*\n)*", re.ASCII)


class RequestError(AcademyError):
    """A request that cannot be taken in; `problems` holds one line per problem."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = list(problems)


# The compact code ---------------------------------------------------------------------------


def encode_code(request: Mapping[str, Any]) -> str:
    """`ACR1:` + base64url (no padding) of the raw DEFLATE of the compact UTF-8 JSON."""
    text = json.dumps(request, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    raw = packer.compress(text) + packer.flush()
    return CODE_PREFIX + base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_code(code: str) -> str:
    """The JSON text inside an `ACR1:` code; ValueError says what is wrong with it."""
    body = code.removeprefix(CODE_PREFIX)
    if not body or not _CODE_CHARS.fullmatch(body):
        raise ValueError("the code holds characters that are not part of a code")
    if len(body) % 4 == 1:
        raise ValueError("the code is incomplete (cut off)")
    try:
        raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except ValueError as error:
        raise ValueError(f"the code is damaged ({error})") from error
    unpacker = zlib.decompressobj(-15)
    try:
        text = unpacker.decompress(raw, MAX_BYTES)
    except zlib.error as error:
        raise ValueError("the code is damaged (it does not unpack)") from error
    if unpacker.unconsumed_tail:
        raise ValueError(f"the code unpacks to more than {MAX_BYTES} bytes; it is not a request")
    if not unpacker.eof:
        raise ValueError("the code is incomplete (cut off)")
    try:
        return text.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ValueError("the code does not hold UTF-8 text") from error


def find_codes(text: str) -> list[str]:
    """The `ACR1:` codes in a text, each joined back together when a mail program wrapped it.

    A code runs on over line breaks (a quoted-printable soft break `=` and `>` quote marks
    removed) as long as the next line is all code characters; `candidates` below tries the
    longest join first, so a word on the line after the code does not spoil it.
    """
    return [c[0] for c in _candidates(text)]


def _candidates(text: str) -> list[list[str]]:
    found: list[list[str]] = []
    start = 0
    while (at := text.find(CODE_PREFIX, start)) >= 0:
        start = at + len(CODE_PREFIX)
        lines = text[start:].splitlines()
        first = _CODE_CHARS.match(lines[0]) if lines else None
        if not first:
            found.append([CODE_PREFIX])
            continue
        pieces = [first.group(0)]
        rest_of_line = lines[0][first.end() :]
        if rest_of_line in {"", "="}:
            for line in lines[1:]:
                line = line.lstrip("> \t").rstrip()
                soft = line.endswith("=")
                line = line.removesuffix("=")
                if not line or not _CODE_CHARS.fullmatch(line):
                    break
                pieces.append(line)
                if not soft and len(line) < len(pieces[0]) - 1:
                    break  # a short line ends a wrapped code
        joins = [CODE_PREFIX + "".join(pieces[:n]) for n in range(len(pieces), 0, -1)]
        found.append(joins)
    return found


# Reading a request --------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    """One question of a request, as the learner's page wrote it."""

    id: str
    hash: str
    response: Any
    seconds: float


@dataclass(frozen=True)
class Request:
    """A well-formed certificate request (not yet checked against the exam or the ledger)."""

    certificate: str
    name: str
    email: str
    department: str | None
    cohort: str | None
    #: The language of the exam page the request was made on (the site's source language when the
    #: request has no `language`, as requests made before it existed): the certificate's language.
    language: str
    attempt: int
    started: datetime
    submitted: datetime
    answers: tuple[Answer, ...]
    data: dict[str, Any] = field(repr=False)
    #: SHA-256 (hex) of the request's canonical JSON (RFC 8785): the duplicate check.
    sha256: str = ""
    #: Where it came from, e.g. `mail.txt (code 2)`.
    source: str = ""
    #: The sender's address when the request came inside an e-mail with a `From:` line.
    sender: str | None = None

    @property
    def median_seconds(self) -> float:
        return float(statistics.median(a.seconds for a in self.answers)) if self.answers else 0.0


def read_requests(path: Path, languages: Languages | None = None) -> list[tuple[str, Request | RequestError]]:
    """Every request in one file: (where, request or why it cannot be read); `languages`: those of
    site.yml, which a request's `language` must be one of (None: any language the academy knows)."""
    where = str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        return [(where, RequestError([f"cannot read the file ({error.strerror}) — check the path"]))]
    if len(raw) > MAX_BYTES:
        too_big = f"the file has {len(raw)} bytes, more than any request — is it the right file?"
        return [(where, RequestError([too_big]))]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [(where, RequestError(["not UTF-8 text — pass the request-….json file or the e-mail as text"]))]
    if text.lstrip().startswith(("{", "[")) and CODE_PREFIX not in text:
        return [(where, _from_json(text, where, None, languages))]
    sender: str | None = None
    if _MAIL_HEADER.match(text):
        # A saved e-mail: read its parts decoded (quoted-printable, base64) and its real sender.
        text, sender = _mail(text)
    candidates = _candidates(text)
    if not candidates:
        if path.suffix.lower() == ".json":
            return [(where, _from_json(text, where, None, languages))]
        return [
            (
                where,
                RequestError(
                    [
                        "no certificate request in it — pass the request-….json file, or a text with the "
                        f"{CODE_PREFIX} code"
                    ]
                ),
            )
        ]
    found: list[tuple[str, Request | RequestError]] = []
    seen: set[str] = set()
    for number, joins in enumerate(candidates, 1):
        at = where if len(candidates) == 1 else f"{where} (code {number})"
        result: Request | RequestError = RequestError([f"the {CODE_PREFIX} code is empty"])
        for code in joins:  # longest first: a wrapped code, then without the lines after it
            try:
                text_of_code = decode_code(code)
            except ValueError as error:
                result = RequestError(
                    [f"{error} — copy the whole {CODE_PREFIX} code from the learner's e-mail, or ask for the file"]
                )
                continue
            result = _from_json(text_of_code, at, sender, languages)
            break
        if isinstance(result, Request):
            if result.sha256 in seen:
                continue  # the same code twice, e.g. in the plain and the HTML part of an e-mail
            seen.add(result.sha256)
        found.append((at, result))
    if len(found) == 1:
        found = [(where, replace(item, source=where) if isinstance(item, Request) else item) for _, item in found]
    return found


def _mail(text: str) -> tuple[str, str | None]:
    """The decoded text parts of a saved e-mail (and its headers), and the `From:` address."""
    message = email.message_from_string(text, policy=email.policy.default)
    parts: list[str] = []
    for part in message.walk():
        if part.get_content_maintype() == "text":
            try:
                parts.append(str(part.get_content()))
            except (LookupError, ValueError):
                continue
    _, address = email.utils.parseaddr(str(message.get("From", "")))
    return "\n\n".join(parts) or text, address.strip().lower() or None


def _from_json(text: str, where: str, sender: str | None, languages: Languages | None = None) -> Request | RequestError:
    try:
        data = loads(text)
    except json.JSONDecodeError as error:
        return RequestError(
            [
                f"line {error.lineno}, column {error.colno}: not valid JSON ({error.msg}) — the file is damaged or "
                "cut off; ask the learner for the request-….json file the exam page downloaded, unedited"
            ]
        )
    except ValueError as error:
        return RequestError([f"not valid JSON ({error}) — ask the learner for the file the exam page downloaded"])
    try:
        request = parse_request(data, languages)
    except RequestError as error:
        return error
    return replace(request, source=where, sender=sender)


def parse_request(data: object, languages: Languages | None = None) -> Request:
    """A request from parsed JSON; RequestError lists every field that is wrong.

    `languages` are the site's (site.yml `languages:`): `language` must be one of them, and a
    request without it is in the source language. None: any code the academy knows, source `en`.
    """
    if not isinstance(data, dict):
        raise RequestError([f'the file is not a certificate request (a JSON object with "format": "{REQUEST_FORMAT}")'])
    errors: list[str] = []
    if data.get("format") != REQUEST_FORMAT:
        shown = json.dumps(data.get("format"), ensure_ascii=False)
        if str(data.get("format", "")).startswith("academy-completion/") or ("quiz" in data and "responses" in data):
            raise RequestError([PRACTICE_RECORD])
        errors.append(f'field "format" is {shown}, expected "{REQUEST_FORMAT}"')
    errors += [f'unknown field "{k}"' for k in data if k not in _FIELDS]
    errors += [f'field "{k}" is missing' for k in _REQUIRED if k not in data]
    certificate = data.get("certificate")
    if "certificate" in data and not (isinstance(certificate, str) and certificate):
        errors.append('field "certificate" must be a certificate id')
    name, email, department = _learner(data.get("learner"), errors)
    cohort = _text(data, "cohort", errors)
    language = _language(data, languages, errors)
    attempt = data.get("attempt")
    if "attempt" in data and (isinstance(attempt, bool) or not isinstance(attempt, int) or attempt < 1):
        errors.append('field "attempt" must be a whole number from 1')
    started, submitted = _when(data, "started", errors), _when(data, "submitted", errors)
    practice = data.get("practice")
    if practice is not None and not (
        isinstance(practice, dict)
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in practice.values())
    ):
        errors.append('field "practice" must be an object of module id: percent')
    answers = _answers(data.get("questions"), errors) if "questions" in data else ()
    if errors:
        raise RequestError(errors)
    assert isinstance(certificate, str) and isinstance(attempt, int) and name and email and started and submitted
    assert language is not None
    try:
        digest = hashlib.sha256(canonicalize(data)).hexdigest()
    except CanonicalizationError as error:
        raise RequestError([f"the request cannot be read as JSON values ({error})"]) from error
    return Request(
        certificate, name, email, department, cohort, language, attempt, started, submitted, answers, data, digest
    )


def _learner(value: object, errors: list[str]) -> tuple[str | None, str | None, str | None]:
    if not isinstance(value, dict):
        if value is not None:
            errors.append('field "learner" must be an object with "name" and "email"')
        return None, None, None
    errors += [f'unknown field "learner.{k}"' for k in value if k not in {"name", "email", "department"}]
    name = email = department = None
    try:
        name = ob3.clean_name(value.get("name"))
    except ValueError as error:
        errors.append(f'field "learner.name": {error}')
    try:
        email = ob3.clean_email(value.get("email"))
    except ValueError:
        errors.append('field "learner.email" must be an e-mail address')
    if value.get("department") is not None:
        if not isinstance(value["department"], str):
            errors.append('field "learner.department" must be text')
        else:
            department = " ".join(value["department"].split()) or None
    return name, email, department


def _text(data: Mapping[str, Any], key: str, errors: list[str]) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        errors.append(f'field "{key}" must be text')
        return None
    return value


def _language(data: Mapping[str, Any], languages: Languages | None, errors: list[str]) -> str | None:
    """The request's `language`: a language of the site; absent, the source language."""
    configured = languages.codes if languages is not None else tuple(KNOWN)
    source = languages.source if languages is not None else "en"
    if "language" not in data or data["language"] is None:
        return source
    value = data["language"]
    if isinstance(value, str) and value in configured:
        return value
    shown = json.dumps(value, ensure_ascii=False)
    where = "the languages of site_config/site.yml" if languages is not None else "the languages the academy knows"
    errors.append(
        f'field "language" is {shown}, not one of {where} ({", ".join(configured)}) — the exam page writes '
        "the language it is shown in: ask the learner for the request-….json file the page downloaded, unedited, "
        f'or set "language" to one of these (or remove it for {KNOWN.get(source, source)})'
    )
    return None


def _when(data: Mapping[str, Any], key: str, errors: list[str]) -> datetime | None:
    if key not in data:
        return None
    when = dates.parse(data[key]) if isinstance(data[key], str) else None
    if when is None:
        errors.append(f'field "{key}" must be an ISO-8601 date and time with time zone, e.g. 2026-12-01T10:14:31Z')
    return when


def _answers(value: object, errors: list[str]) -> tuple[Answer, ...]:
    if not isinstance(value, list) or not value:
        errors.append('field "questions" must be the list of the questions asked')
        return ()
    answers = []
    for n, item in enumerate(value):
        at = f'field "questions[{n}]'
        if not isinstance(item, dict):
            errors.append(f'{at}" must be an object with "id", "hash", "response" and "seconds"')
            continue
        errors += [f'unknown field "questions[{n}].{k}"' for k in item if k not in _QUESTION_FIELDS]
        errors += [f'{at}.{k}" is missing' for k in _QUESTION_FIELDS if k not in item]
        qid, digest, seconds = item.get("id"), item.get("hash"), item.get("seconds")
        if "id" in item and not isinstance(qid, str):
            errors.append(f'{at}.id" must be a question id')
        if "hash" in item and not isinstance(digest, str):
            errors.append(f'{at}.hash" must be the question\'s hash')
        if "seconds" in item and (isinstance(seconds, bool) or not isinstance(seconds, int | float) or seconds < 0):
            errors.append(f'{at}.seconds" must be a number of seconds, 0 or more')
        if isinstance(qid, str) and isinstance(digest, str) and isinstance(seconds, int | float):
            answers.append(Answer(qid, digest, item.get("response"), float(seconds)))
    ids = [a.id for a in answers]
    if len(set(ids)) != len(ids):
        errors.append('field "questions" lists a question twice')
    return tuple(answers)


# Checking and scoring against the exam --------------------------------------------------------


def check_draw(exam: exams.Exam, request: Request) -> list[str]:
    """Why the request's questions are not this learner's current draw; empty when they are."""
    expected = exams.draw(exam, request.email, request.attempt)
    asked = [a.id for a in request.answers]
    if asked != [q.id for q in expected]:
        unknown = [i for i in asked if exam.question(i) is None]
        missing = len({q.id for q in expected} - set(asked))
        detail = f"; {len(unknown)} are not in the pool" if unknown else ""
        if set(asked) == {q.id for q in expected} and len(asked) == len(expected):
            why = "the right questions in another order"
        elif len(asked) != len(expected):
            why = f"{len(asked)} questions where the exam asks {len(expected)}{detail}"
        else:
            why = f"{missing} of the {len(expected)} questions differ{detail}"
        return [
            f"the questions are not the ones drawn for {request.email} at attempt {request.attempt} ({why}) — "
            "the request was edited, or made for another person or attempt; nothing is recorded"
        ]
    changed = [a.id for a, q in zip(request.answers, expected, strict=True) if a.hash != q.hash]
    if changed:
        return [
            f"the questions changed since the learner started ({len(changed)} of {len(expected)}: "
            f"{', '.join(changed)}): ask them to take the assessment again (same attempt {request.attempt}); "
            "nothing is recorded"
        ]
    return []


def to_indices(question: exams.ExamQuestion, response: Any) -> Any:
    """A response by public ids, as `academy.core.scoring` takes it (YAML indices); None if malformed."""
    kind = question.type
    if kind in {"single", "scenario"}:
        ids = exams.option_pids(question)
        return ids.index(response) if isinstance(response, str) and response in ids else None
    if kind == "multiple":
        ids = exams.option_pids(question)
        if not isinstance(response, list) or not all(isinstance(r, str) and r in ids for r in response):
            return None
        return sorted(ids.index(r) for r in response) if len(set(response)) == len(response) else None
    if kind == "true_false":
        return response if isinstance(response, bool) else None
    if kind == "short_text":
        return response if isinstance(response, str) else None
    if kind == "ordering":
        ids = exams.item_pids(question)
        if not isinstance(response, list) or not all(isinstance(r, str) and r in ids for r in response):
            return None
        return [ids.index(r) for r in response]
    if kind == "matching":
        lefts, rights = exams.left_pids(question), exams.right_pids(question)
        if not isinstance(response, dict) or not all(k in lefts for k in response):
            return None
        chosen = [response.get(left) for left in lefts]
        return [rights.index(c) if isinstance(c, str) and c in rights else None for c in chosen]
    return None


@dataclass(frozen=True)
class ModuleScore:
    module: str
    earned: Fraction
    available: int

    @property
    def percent(self) -> float:
        return percent_of(self.earned, self.available)


@dataclass(frozen=True)
class ExamScore:
    """The hub's score of a request: overall and per module (for "modules to revisit")."""

    percent: float
    passed: bool
    earned: Fraction
    available: int
    modules: tuple[ModuleScore, ...]


def score_request(exam: exams.Exam, request: Request) -> ExamScore:
    """Score the request's responses with the withheld key (`academy.core.scoring.credit`)."""
    earned: dict[str, Fraction] = {m: Fraction(0) for m in exam.modules}
    available: dict[str, int] = {m: 0 for m in exam.modules}
    for answer in request.answers:
        question = exam.question(answer.id)
        if question is None:
            continue  # check_draw refuses such a request before it is scored
        earned[question.module] += question.points * credit(question.question, to_indices(question, answer.response))
        available[question.module] += question.points
    total, points = sum(earned.values(), Fraction(0)), sum(available.values())
    passed = points > 0 and total * 100 >= Fraction(str(exam.pass_mark)) * points
    modules = tuple(ModuleScore(m, earned[m], available[m]) for m in exam.modules if available[m])
    return ExamScore(percent_of(total, points), passed, total, points, modules)


def evidence_text(exam: exams.Exam, questions: int, percent: float) -> str:
    """What the credential says about how it was earned."""
    return f"hub-scored assessment, {questions} questions drawn from {exam.pool_size}, {ob3.percent_text(percent)} %"


# Intake ---------------------------------------------------------------------------------------


@dataclass
class Outcome:
    """What became of one request: `issued`, `failed`, `held`, `duplicate` or `refused`."""

    kind: str
    source: str
    message: str
    request: Request | None = None
    attempt: Attempt | None = None
    result_path: Path | None = None
    files: tuple[Path, ...] = ()


#: Issues one award and returns (credential id, files written); raises on failure.
IssueOne = Callable[[Any], tuple[str, tuple[Path, ...]]]


class Intake:
    """Takes certificate requests in for one project and one ledger (see the module docstring)."""

    def __init__(
        self,
        project: Any,
        attempts: Attempts,
        issue_one: IssueOne,
        results_dir: Path,
        clock: Callable[[], datetime] = dates.utcnow,
    ) -> None:
        self.project = project
        self.attempts = attempts
        self.issue_one = issue_one
        self.results_dir = results_dir
        self.clock = clock
        #: The site's languages (site.yml `languages:`), which a request's `language` must be one of.
        self.languages = _site_languages(project)

    def process(self, paths: Sequence[Path]) -> list[Outcome]:
        """Every request in `paths` (files, or folders of `.json` and `.txt`/`.eml` files), in order."""
        outcomes: list[Outcome] = []
        for path in expand(paths):
            for where, item in read_requests(path, self.languages):
                if isinstance(item, RequestError):
                    outcomes.append(Outcome("refused", where, "; ".join(item.problems)))
                else:
                    outcomes.append(self.take(item))
        return outcomes

    def take(self, request: Request) -> Outcome:
        """Check, score, record and (for a plausible pass) issue one request."""
        where = request.source
        exam = self.project.exams.get(request.certificate)
        if exam is None:
            return Outcome("refused", where, self._no_exam(request.certificate), request)
        if request.sender and request.sender != request.email:
            return Outcome(
                "refused",
                where,
                f"the e-mail came from {request.sender} but the request is for {request.email} — a learner hands in "
                "their own request from their own address; nothing is recorded",
                request,
            )
        problems = check_draw(exam, request)
        if problems:
            return Outcome("refused", where, "; ".join(problems), request)
        now = self.clock()
        with self.attempts.transaction() as book:
            before = book.by_request(request.sha256)
            if before is not None and before.outcome != "issuing":
                return Outcome(
                    "duplicate",
                    where,
                    f"already processed on {before.received[:16].replace('T', ' ')} UTC ({before.outcome}, "
                    f"{ob3.percent_text(before.score)} %); nothing changed",
                    request,
                    before,
                )
            if before is None:
                problems = self._policy(exam, request, book, now)
                if problems:
                    return Outcome("refused", where, "; ".join(problems), request)
                score = score_request(exam, request)
                hold = self._implausible(exam, request) if score.passed else None
                outcome = "held" if hold else ("issuing" if score.passed else "failed")
                before = book.record(
                    Attempt(
                        id=None,
                        certificate=exam.id,
                        email=request.email,
                        name=request.name,
                        attempt=request.attempt,
                        started=dates.to_text(request.started),
                        submitted=dates.to_text(request.submitted),
                        received=dates.to_text(now),
                        score=score.percent,
                        passed=score.passed,
                        outcome=outcome,
                        request_sha256=request.sha256,
                        credential=None,
                        median_seconds=request.median_seconds,
                        questions=len(request.answers),
                        pool=exam.pool_size,
                        source=where,
                        note=hold,
                        decided=None,
                        request=json.dumps(request.data, ensure_ascii=False, sort_keys=True),
                    )
                )
        score = score_request(exam, request)
        if before.outcome == "failed":
            path = self.write_result(exam, before, score)
            return Outcome(
                "failed",
                where,
                f"{ob3.percent_text(score.percent)} %, below the pass mark of {ob3.percent_text(exam.pass_mark)} %",
                request,
                before,
                path,
            )
        if before.outcome == "held":
            path = self.write_result(exam, before, score)
            return Outcome(
                "held",
                where,
                f"{before.note} — held for review: academy review --approve {before.short} (or --reject)",
                request,
                before,
                path,
            )
        return self.finish(exam, before, score)

    def finish(self, exam: exams.Exam, attempt: Attempt, score: ExamScore | None = None) -> Outcome:
        """Issue the certificate of a passed attempt (`issuing`, or `held` being approved) and record it."""
        award = self.award(exam, attempt)
        credential, files = self.issue_one(award)
        with self.attempts.transaction() as book:
            attempt = book.update(attempt.id or 0, outcome="issued", credential=credential)
        path = self.write_result(exam, attempt, score, files)
        return Outcome(
            "issued",
            attempt.source,
            f"{ob3.percent_text(attempt.score)} % (pass mark {ob3.percent_text(exam.pass_mark)} %): {credential}",
            None,
            attempt,
            path,
            files,
        )

    def award(self, exam: exams.Exam, attempt: Attempt) -> Any:
        from .awards import Award

        return Award(
            exam.rule,
            ob3.Recipient(attempt.name, attempt.email),
            "exam",
            f"exam:{attempt.request_sha256}",
            attempt.source,
            ob3.Assessment("exam", evidence_text(exam, attempt.questions, attempt.score), attempt.score),
        )

    def _no_exam(self, certificate: str) -> str:
        if certificate in self.project.certificates:
            return (
                f'certificate "{certificate}" has no exam: it is earned only through a live workshop '
                "(academy issue --roster) — nothing is recorded"
            )
        known = ", ".join(sorted(self.project.exams)) or "(none has an exam yet)"
        return f'certificate "{certificate}" does not exist — certificates with an exam: {known}; nothing is recorded'

    def _policy(self, exam: exams.Exam, request: Request, book: AttemptBook, now: datetime) -> list[str]:
        """The attempt rules: numbering, maximum, waiting time, and timestamps that make sense."""
        settings = exam.settings
        if request.started > request.submitted:
            return ['field "started" is after "submitted" — the request was edited; nothing is recorded']
        if request.submitted > now + CLOCK_SKEW:
            return [
                f'field "submitted" ({dates.to_text(request.submitted)}) is in the future — check the learner\'s '
                "clock; nothing is recorded"
            ]
        history = book.history(exam.id, request.email)
        if request.attempt != len(history) + 1:
            return [
                f"this is attempt {request.attempt}, but the ledger has {len(history)} attempt(s) of {request.email} "
                f"at {exam.id}, so the next is attempt {len(history) + 1} — ask the learner to take the assessment "
                f"again as attempt {len(history) + 1}; nothing is recorded"
            ]
        last_pass = max((i for i, a in enumerate(history) if a.outcome == "issued"), default=-1)
        since = history[last_pass + 1 :]
        if len(since) >= settings.max_attempts:
            return [
                f"{request.email} has used all {settings.max_attempts} attempts at {exam.id} — a trainer decides "
                "what comes next (e.g. the live workshop, academy issue --roster); nothing is recorded"
            ]
        if history:
            previous = dates.parse(history[-1].submitted)
            assert previous is not None
            ready = previous + timedelta(hours=settings.wait_hours)
            if request.submitted < ready:
                return [
                    f"attempt {request.attempt} was submitted {_ago(request.submitted - previous)} after attempt "
                    f"{history[-1].attempt}; the rule asks for {settings.wait_hours:g} hours between attempts — the "
                    f"learner may take it again from {dates.to_text(ready)}; nothing is recorded"
                ]
        return []

    def _implausible(self, exam: exams.Exam, request: Request) -> str | None:
        """Why a pass looks implausible, or None."""
        median = request.median_seconds
        if median < exam.settings.min_median_seconds:
            return (
                f"median {median:g} seconds per question, below the {exam.settings.min_median_seconds:g} seconds "
                "the rule expects"
            )
        taken = (request.submitted - request.started).total_seconds()
        spent = sum(a.seconds for a in request.answers)
        if spent > taken + TIME_SLACK:
            return f"the times per question add up to {spent:g} seconds, more than the {taken:g} seconds taken"
        return None

    # Results ------------------------------------------------------------------------------

    def result_path(self, attempt: Attempt) -> Path:
        return self.results_dir / f"{attempt.certificate}-{email_slug(attempt.email)}-{attempt.attempt}.txt"

    def write_result(
        self, exam: exams.Exam, attempt: Attempt, score: ExamScore | None = None, files: Sequence[Path] = ()
    ) -> Path:
        """The learner's result (never the key): passed with the certificate, or the score and modules."""
        path = self.result_path(attempt)
        private_folder(self.results_dir) if self.results_dir.parent.name == ".academy" else self.results_dir.mkdir(
            parents=True, exist_ok=True
        )
        write_atomic(path, result_text(self.project, exam, attempt, score, files).encode("utf-8"), 0o600)
        return path


def result_text(
    project: Any, exam: exams.Exam, attempt: Attempt, score: ExamScore | None, files: Sequence[Path] = ()
) -> str:
    """The text of a learner's result file."""
    pass_mark = ob3.percent_text(exam.pass_mark)
    lines = [
        f"{exam.title}: result of attempt {attempt.attempt}",
        "",
        f"Learner:   {attempt.name} <{attempt.email}>",
        f"Submitted: {attempt.submitted}",
        f"Questions: {attempt.questions}, drawn from a pool of {attempt.pool}",
        "",
    ]
    if attempt.outcome == "issued":
        lines.append(f"PASSED with {ob3.percent_text(attempt.score)} % (pass mark {pass_mark} %).")
        lines.append(f"Certificate: {attempt.credential}")
        lines += [f"  {p.name}" for p in files]
        lines.append("The .json is the signed certificate; the .pdf shows it with a QR code to verify it.")
    elif attempt.outcome == "held":
        lines.append("Your assessment is being reviewed by the academy before a certificate is issued.")
        lines.append("You will hear from us; there is nothing to do for now.")
    elif attempt.outcome == "rejected":
        lines.append("Your assessment was reviewed and not accepted, so no certificate was issued.")
        if attempt.note:
            lines.append(f"Reason: {attempt.note}")
    else:
        lines.append(f"Not passed: {ob3.percent_text(attempt.score)} % (pass mark {pass_mark} %).")
        titles = {m: project.modules[m].title if m in project.modules else m for m in exam.modules}
        low = [m for m in (score.modules if score else ()) if m.percent < exam.pass_mark]
        if low:
            lines.append("")
            lines.append("Modules to revisit:")
            lines += [f"  - {titles[m.module]}: {ob3.percent_text(m.percent)} %" for m in low]
        settings = exam.settings
        used = attempt.attempt
        lines.append("")
        lines.append(
            f"Work through the modules and their practice quizzes, then take the assessment again as attempt "
            f"{used + 1}, at least {settings.wait_hours:g} hours after this one (at most {settings.max_attempts} "
            "attempts until a certificate is held)."
        )
    return "\n".join(lines) + "\n"


def _site_languages(project: Any) -> Languages | None:
    """The languages of the project's site.yml; None for a project without a site (any known code)."""
    root, layout = getattr(project, "root", None), getattr(project, "layout", None)
    if root is None or layout is None:
        return None
    # site.yml's own problems are the project's validation's to report (the CLI refuses them first).
    return load_languages(Path(root) / layout.site_config / "site.yml", Problems())


def email_slug(email: str) -> str:
    """An e-mail address as part of a file name: `ana.ruiz@example.com` → `ana-ruiz-example-com`."""
    return re.sub(r"[^a-z0-9]+", "-", email.lower()).strip("-") or "learner"


def expand(paths: Sequence[Path]) -> list[Path]:
    """Files as given; for a folder, its `.json`, `.txt` and `.eml` files in name order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in {".json", ".txt", ".eml"})
        else:
            found.append(path)
    return found


def _ago(delta: timedelta) -> str:
    hours = delta.total_seconds() / 3600
    return f"{hours:.1f} hours" if hours >= 1 else f"{delta.total_seconds() / 60:.0f} minutes"
