"""Practice threads of the sandbox, read from `sandbox/ID.yml`: the model, its validation and its checks.

The format is that of CONTRIBUTING.md ("Practice thread"). `load_thread` checks the fields
against `schemas/thread.schema.json`, then every rule a schema cannot express, and reports each
problem at the line a trainer has to change. `evaluate` and `follow_up` are the rules the
browser script (`sandbox.js`) applies, written once more here so that validation can hold the
model reply to the thread's own checks and the tests can hold both languages to one result.

A thread is practice, not assessment: nothing here counts towards a certificate, and the
model reply ships with the site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import schema
from .problems import Problems, did_you_mean
from .quiz import compile_pattern, normalize, pattern_error
from .source import Node, NodeList, load_yaml

#: The character limit of a reply or comment on each platform the format names.
PLATFORM_LIMITS = {
    "x": 280,
    "bluesky": 300,
    "threads": 500,
    "mastodon": 500,
    "linkedin": 1250,
    "tiktok": 150,
    "instagram": 2200,
    "facebook": 8000,
    "youtube": 10000,
    "reddit": 10000,
    "review-site": 5000,
    "internal": 5000,
}
PLATFORM_NAMES = {
    "x": "X",
    "bluesky": "Bluesky",
    "threads": "Threads",
    "mastodon": "Mastodon",
    "linkedin": "LinkedIn",
    "tiktok": "TikTok",
    "instagram": "Instagram",
    "facebook": "Facebook",
    "youtube": "YouTube",
    "reddit": "Reddit",
    "review-site": "Review site",
    "internal": "Internal network",
}
#: The kinds of automatic check; each check has exactly one.
TEXT_KINDS = ("include", "exclude", "match", "no_match", "min_length", "max_length")
ACTION_KINDS = ("hide", "keep", "delete_unfinished")
CHECK_KINDS = TEXT_KINDS + ACTION_KINDS
#: The line a module's lesson holds where a thread goes. Markdown keeps an HTML comment as it is.
THREAD_MARKER = re.compile(r"<!--\s*academy:thread\s+(\S+?)\s*-->")
#: An ASCII letter or digit: what a phrase may not touch on either side (JavaScript's `\w` minus `_`).
_WORD = re.compile(r"[a-z0-9]")


@dataclass(frozen=True)
class Person:
    key: str
    name: str
    handle: str


@dataclass(frozen=True)
class Message:
    """The post or a comment: who, how many minutes ago, what, and the reactions."""

    by: str
    minutes: int
    text: str
    reactions: dict[str, int]
    line: int
    id: str | None = None


@dataclass(frozen=True)
class Check:
    """One automatic check of the reply: `kind` with its `value`, and what the learner reads."""

    id: str
    label: str
    message: str
    kind: str
    value: Any
    line: int


@dataclass(frozen=True)
class FollowUp:
    by: str
    text: str
    after: int = 1
    private: bool = False
    reactions: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Rule:
    """When the reply meets `when` (all of it; empty: always), the thread's people write `replies`."""

    when: dict[str, Any]
    replies: tuple[FollowUp, ...]
    reactions: dict[str, int]
    line: int


@dataclass(frozen=True)
class Thread:
    id: str
    title: str
    module: str
    platform: str
    limit: int
    role_name: str
    role_handle: str
    brief: str
    people: dict[str, Person]
    post: Message
    comments: tuple[Message, ...]
    unfinished: str | None
    unfinished_minutes: int
    checks: tuple[Check, ...]
    rules: tuple[Rule, ...]
    rubric: tuple[str, ...]
    model_reply: str
    model_why: str | None
    path: Path
    data: Node = field(repr=False, compare=False)

    @property
    def platform_name(self) -> str:
        return PLATFORM_NAMES.get(self.platform, self.platform)


@dataclass(frozen=True)
class Attempt:
    """What the learner did: the reply, the comments hidden, whether the unfinished reply is gone."""

    reply: str
    hidden: frozenset[str] = frozenset()
    unfinished_deleted: bool = False


def length(text: str) -> int:
    """Characters as the composer counts them: code points (JavaScript's `Array.from(text).length`)."""
    return len(text)


def has_phrase(text: str, phrase: str) -> bool:
    """Whether `phrase` stands in `text` as whole words: case and spacing ignored, and no letter
    or digit glued to either end (so "sam" is not found in "same")."""
    haystack, needle = normalize(text), normalize(phrase)
    if not needle:
        return False
    start = haystack.find(needle)
    while start != -1:
        end = start + len(needle)
        before_ok = not _WORD.match(needle[0]) or start == 0 or not _WORD.match(haystack[start - 1])
        after_ok = not _WORD.match(needle[-1]) or end == len(haystack) or not _WORD.match(haystack[end])
        if before_ok and after_ok:
            return True
        start = haystack.find(needle, start + 1)
    return False


def found(text: str, pattern: str) -> bool:
    """Whether a check's regular expression occurs anywhere in `text` (case ignored, ASCII classes)."""
    return compile_pattern(pattern).search(text) is not None


def passes(check: Check, attempt: Attempt) -> bool:
    """The rule of one check, as sandbox.js applies it."""
    text, kind, value = attempt.reply, check.kind, check.value
    if kind == "include":
        return any(has_phrase(text, p) for p in value)
    if kind == "exclude":
        return not any(has_phrase(text, p) for p in value)
    if kind == "match":
        return found(text, value)
    if kind == "no_match":
        return not found(text, value)
    if kind == "min_length":
        return bool(length(text) >= value)
    if kind == "max_length":
        return bool(length(text) <= value)
    if kind == "hide":
        return value in attempt.hidden
    if kind == "keep":
        return value not in attempt.hidden
    return attempt.unfinished_deleted  # delete_unfinished


def evaluate(thread: Thread, attempt: Attempt) -> dict[str, bool]:
    """Each check's result by id."""
    return {c.id: passes(c, attempt) for c in thread.checks}


def follow_up(thread: Thread, attempt: Attempt) -> Rule | None:
    """The first rule whose condition holds, or None: what the thread's people do next."""
    results = evaluate(thread, attempt)
    for rule in thread.rules:
        when = rule.when
        if (
            all(results.get(c) for c in when.get("passes", []))
            and all(results.get(c) is False for c in when.get("fails", []))
            and ("include" not in when or any(has_phrase(attempt.reply, p) for p in when["include"]))
            and ("match" not in when or found(attempt.reply, when["match"]))
        ):
            return rule
    return None


def load_thread(path: Path, problems: Problems) -> Thread | None:
    """Read one thread file; None when its fields do not fit the format.

    A thread that fits the format but breaks a rule is returned with the problem reported, so
    that the module's marker still finds it.
    """
    before = len(problems)
    data = load_yaml(path, problems)
    if not isinstance(data, Node):
        if len(problems) == before:
            problems.add(
                path,
                1,
                "the thread file is empty or not a set of 'field: value' lines",
                "start from academy new thread ID --module MODULE, or the example in CONTRIBUTING.md",
            )
        return None
    if not schema.check(data, "thread", path, problems):
        return None
    if data["id"] != path.stem:
        problems.add(
            path,
            data.line_of("id"),
            f'id "{data["id"]}" differs from the file name "{path.name}"',
            f"rename the file to {data['id']}.yml or set id: {path.stem}",
        )
    people = {key: Person(key, p["name"], p["handle"]) for key, p in data["people"].items()}
    comment_nodes: NodeList = data.get("comments", NodeList())
    comments = tuple(_message(c, comment_nodes.line_of(i)) for i, c in enumerate(comment_nodes))
    checks = tuple(_check(c, data["checks"].line_of(i), path, problems) for i, c in enumerate(data["checks"]))
    rule_nodes: NodeList = data.get("follow_ups", NodeList())
    rules = tuple(_rule(r, rule_nodes.line_of(i)) for i, r in enumerate(rule_nodes))
    unfinished = data.get("unfinished")
    role, model = data["role"], data["model"]
    thread = Thread(
        id=data["id"],
        title=data["title"],
        module=data["module"],
        platform=data["platform"],
        limit=data.get("limit", PLATFORM_LIMITS[data["platform"]]),
        role_name=role["name"],
        role_handle=role["handle"],
        brief=role["brief"],
        people=people,
        post=_message(data["post"], data.line_of("post")),
        comments=comments,
        unfinished=unfinished["text"] if unfinished else None,
        unfinished_minutes=unfinished["minutes"] if unfinished else 0,
        checks=checks,
        rules=rules,
        rubric=tuple(data["rubric"]),
        model_reply=model["reply"],
        model_why=model.get("why"),
        path=path,
        data=data,
    )
    _check_thread(thread, path, problems)
    return thread


def _message(node: Node, line: int) -> Message:
    return Message(node["by"], node["minutes"], node["text"], dict(node.get("reactions", {})), line, node.get("id"))


def _check(node: Node, line: int, path: Path, problems: Problems) -> Check:
    kinds = [k for k in CHECK_KINDS if k in node]
    if len(kinds) != 1:
        problems.add(
            path,
            line,
            f'check "{node["id"]}" has {"no kind" if not kinds else "several kinds: " + ", ".join(kinds)}',
            f"give it exactly one of: {', '.join(CHECK_KINDS)}",
        )
    kind = kinds[0] if kinds else "include"
    value = node.get(kind, [])
    if kind in {"match", "no_match"}:
        error = pattern_error(value)
        if error:
            problems.add(path, node.line_of(kind), f'pattern "{value}" {error[0]}', _pattern_fix(error))
    value = list(value) if kind in {"include", "exclude"} else value
    return Check(node["id"], node["label"], node["message"], kind, value, line)


def _pattern_fix(error: tuple[str, str]) -> str:
    """How to fix a pattern: the quiz wording names short-text fields, a thread has phrases instead."""
    if error[0].startswith("is not a valid"):
        return "fix the expression, or use include:/exclude: with plain phrases"
    return error[1]


def _rule(node: Node, line: int) -> Rule:
    replies = tuple(
        FollowUp(r["by"], r["text"], r.get("after", 1), r.get("private", False), dict(r.get("reactions", {})))
        for r in node["replies"]
    )
    return Rule(dict(node.get("when", {})), replies, dict(node.get("reactions", {})), line)


def _check_thread(thread: Thread, path: Path, problems: Problems) -> None:
    """The rules of CONTRIBUTING.md that a schema cannot express."""
    data = thread.data
    people = sorted(thread.people)

    def person(key: str, line: int) -> None:
        if key not in thread.people:
            problems.add(
                path,
                line,
                f'"{key}" is not one of the people{did_you_mean(key, people)}',
                f"use one of: {', '.join(people)}, or add {key} under people:",
            )

    person(thread.post.by, data["post"].line_of("by"))
    comment_ids: dict[str, int] = {}
    for node, comment in zip(data.get("comments", []), thread.comments, strict=True):
        person(comment.by, node.line_of("by"))
        if comment.id is not None:
            if comment.id in comment_ids:
                problems.add(
                    path,
                    node.line_of("id"),
                    f'comment id "{comment.id}" is already used on line {comment_ids[comment.id]}',
                    "give each comment its own id",
                )
            comment_ids.setdefault(comment.id, node.line_of("id"))
    check_ids: dict[str, int] = {}
    for node, check in zip(data["checks"], thread.checks, strict=True):
        if check.id in check_ids:
            problems.add(
                path,
                node.line_of("id"),
                f'check id "{check.id}" is already used on line {check_ids[check.id]}',
                "give each check its own id; follow-up rules name checks by id",
            )
        check_ids.setdefault(check.id, node.line_of("id"))
        at = node.line_of(check.kind)
        if check.kind in {"hide", "keep"} and check.value not in comment_ids:
            problems.add(
                path,
                at,
                f'comment "{check.value}" does not exist{did_you_mean(check.value, comment_ids)}',
                "give the comment id: " + check.value + " under comments:, or name another comment",
            )
        if check.kind == "delete_unfinished" and thread.unfinished is None:
            problems.add(path, at, "delete_unfinished needs a half-finished reply", "add unfinished: {text, minutes}")
        if check.kind in {"min_length", "max_length"} and check.value > thread.limit:
            problems.add(
                path,
                at,
                f"{check.kind} {check.value} is above the reply limit of {thread.limit} characters ({thread.platform})",
                f"use at most {thread.limit}, or set limit:",
            )
    for index, (node, rule) in enumerate(zip(data.get("follow_ups", []), thread.rules, strict=True)):
        when = node.get("when", Node())
        for key in ("passes", "fails"):
            for i, check_id in enumerate(when.get(key, [])):
                if check_id not in check_ids:
                    problems.add(
                        path,
                        when[key].line_of(i),
                        f'check "{check_id}" does not exist{did_you_mean(check_id, check_ids)}',
                        f"name one of the checks: {', '.join(check_ids)}",
                    )
        if "match" in when:
            error = pattern_error(when["match"])
            if error:
                problems.add(path, when.line_of("match"), f'pattern "{when["match"]}" {error[0]}', _pattern_fix(error))
        for reply_node in node["replies"]:
            person(reply_node["by"], reply_node.line_of("by"))
        if not rule.when and index < len(thread.rules) - 1:
            problems.add(
                path,
                rule.line,
                "this rule has no when: and always applies, so the rules after it never do",
                "move it to the end of follow_ups, or give it a when:",
            )
    model_line = data["model"].line_of("reply")
    if length(thread.model_reply) > thread.limit:
        problems.add(
            path,
            model_line,
            f"the model reply has {length(thread.model_reply)} characters, above the limit of {thread.limit}",
            "shorten it: learners compare their reply with it",
        )
    # The model reply is posted the right way: the comments to hide hidden, the unfinished reply deleted.
    ideal = Attempt(
        thread.model_reply,
        frozenset(c.value for c in thread.checks if c.kind == "hide"),
        unfinished_deleted=True,
    )
    for check in thread.checks:
        if check.kind in TEXT_KINDS and not _safe_passes(check, ideal):
            problems.add(
                path,
                model_line,
                f'the model reply fails its own check "{check.id}" ({check.label})',
                "rewrite the model reply, or the check, so that the model passes every check",
            )


def _safe_passes(check: Check, attempt: Attempt) -> bool:
    """`passes`, counting a broken pattern (reported already) as passed."""
    try:
        return passes(check, attempt)
    except re.error:
        return True


def thread_json(thread: Thread) -> dict[str, Any]:
    """The thread as the browser script reads it (`assets/academy/threads/ID.json`).

    Practice, not assessment: the checks and the model reply are in it on purpose. All text is
    plain; the script inserts it with textContent.
    """

    def message(m: Message) -> dict[str, Any]:
        return {"id": m.id, "by": m.by, "minutes": m.minutes, "text": m.text, "reactions": m.reactions}

    return {
        "format": "academy-thread/1",
        "id": thread.id,
        "title": thread.title,
        "module": thread.module,
        "platform": thread.platform,
        "platform_name": thread.platform_name,
        "limit": thread.limit,
        "role": {"name": thread.role_name, "handle": thread.role_handle, "brief": thread.brief},
        "people": {k: {"name": p.name, "handle": p.handle} for k, p in thread.people.items()},
        "post": message(thread.post),
        "comments": [message(c) for c in thread.comments],
        "unfinished": {"text": thread.unfinished, "minutes": thread.unfinished_minutes} if thread.unfinished else None,
        "checks": [
            {"id": c.id, "label": c.label, "message": c.message, "kind": c.kind, "value": c.value}
            for c in thread.checks
        ],
        "follow_ups": [
            {
                "when": r.when,
                "reactions": r.reactions,
                "replies": [
                    {"by": f.by, "text": f.text, "after": f.after, "private": f.private, "reactions": f.reactions}
                    for f in r.replies
                ],
            }
            for r in thread.rules
        ],
        "rubric": list(thread.rubric),
        "model": {"reply": thread.model_reply, "why": thread.model_why},
    }
