"""A practice thread and the sandbox page as HTML: readable without JavaScript, every text escaped.

The thread renders as a static, read-only feed (the post and its comments); `sandbox.js` then
replaces it with the live one from the thread's JSON, adding the composer and the feedback.
Colours and initials of the avatars follow the same rule in both, so nothing jumps.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from html import escape

from ...core.project import Project
from ...core.thread import Message, Thread

#: Each reaction's word, for one and for several (sandbox.js has the same).
REACTIONS = {
    "like": ("like", "likes"),
    "love": ("love", "loves"),
    "laugh": ("laugh", "laughs"),
    "angry": ("angry", "angry"),
    "sad": ("sad", "sad"),
    "repost": ("repost", "reposts"),
}


def initials(name: str) -> str:
    """Up to two initials of a display name, as sandbox.js draws them."""
    words = [w for w in name.replace("@", " ").split() if w[:1].isalnum()]
    return "".join(w[0] for w in (words[:1] + words[1:][-1:])).upper() or "?"


def hue(name: str) -> int:
    """A stable colour for a name (sandbox.js: the same sum over UTF-16 code units)."""
    data, value = name.encode("utf-16-le"), 0
    for i in range(0, len(data), 2):
        value = (value * 31 + (data[i] | data[i + 1] << 8)) % 360
    return value


def ago(minutes: int) -> tuple[str, str]:
    """A timestamp as a feed shows it, and as a screen reader should say it."""
    if minutes < 1:
        return "now", "just now"
    if minutes < 60:
        return f"{minutes}m", f"{minutes} minute{'s' * (minutes != 1)} ago"
    hours = minutes // 60
    if hours < 24:
        return f"{hours}h", f"{hours} hour{'s' * (hours != 1)} ago"
    days = hours // 24
    return f"{days}d", f"{days} day{'s' * (days != 1)} ago"


def count_text(kind: str, count: int) -> str:
    words = REACTIONS.get(kind, (kind, kind))
    return f"{count} {words[count != 1]}"


def _message(thread: Thread, message: Message, kind: str) -> str:
    person = thread.people.get(message.by)
    name, handle = (person.name, person.handle) if person else (message.by, "")
    short, spoken = ago(message.minutes)
    reactions = "".join(
        f'<li class="academy-thread__reaction">{escape(count_text(k, v))}</li>'
        for k, v in message.reactions.items()
        if v
    )
    return (
        f'<article class="academy-thread__message academy-thread__message--{kind}">'
        f'<span class="academy-thread__avatar" aria-hidden="true" style="--academy-hue: {hue(name)}">'
        f"{escape(initials(name))}</span>"
        f'<div class="academy-thread__body"><p class="academy-thread__meta"><span class="academy-thread__name">'
        f'{escape(name)}</span> <span class="academy-thread__handle">{escape(handle)}</span> · '
        f'<span class="academy-thread__time" aria-label="{escape(spoken)}">{escape(short)}</span></p>'
        f'<p class="academy-thread__text">{escape(message.text)}</p>'
        + (f'<ul class="academy-thread__reactions" aria-label="Reactions">{reactions}</ul>' if reactions else "")
        + "</div></article>"
    )


def render_thread(thread: Thread, *, data_url: str, notice: str) -> str:
    """The container that replaces `<!-- academy:thread ID -->` in a lesson."""
    base = f"thread-{thread.id}"
    comments = "".join(f"<li>{_message(thread, c, 'comment')}</li>" for c in thread.comments)
    return (
        f'<section class="academy-thread" id="{base}" data-academy-thread="{escape(thread.id)}"'
        f' data-src="{escape(data_url)}" data-module="{escape(thread.module)}" data-search-exclude'
        f' aria-labelledby="{base}-title">'
        f'<h2 class="academy-thread__title" id="{base}-title">Practice thread: {escape(thread.title)}</h2>'
        f'<p class="academy-thread__notice">{escape(notice)}</p>'
        f'<p class="academy-thread__role"><strong>Your role:</strong> {escape(thread.brief)}</p>'
        f'<p class="academy-thread__platform">A mock {escape(thread.platform_name)} thread. You reply as '
        f"<strong>{escape(thread.role_name)}</strong> ({escape(thread.role_handle)}), "
        f"up to {thread.limit} characters.</p>"
        f'<div class="academy-thread__feed" data-thread-feed>{_message(thread, thread.post, "post")}'
        f'<ol class="academy-thread__comments" aria-label="Comments">{comments}</ol></div>'
        '<noscript><p class="academy-thread__notice">Turn on JavaScript to write a reply and get feedback.'
        "</p></noscript></section>"
    )


def sandbox_page(project: Project, title: str, link: Callable[[str], str]) -> str:
    """The Markdown of `sandbox/`: every thread by track, with a status the script fills in."""
    by_track: dict[str, list[Thread]] = {}
    for thread in project.threads.values():
        module = project.modules.get(thread.module)
        by_track.setdefault(module.track if module else "", []).append(thread)
    parts = [
        "---",
        f"title: {_yaml_text(title)}",
        "description: Practise replies in a mock social feed before you speak for the company.",
        "search:\n  exclude: true",
        "---",
        "",
        f"# {escape(title)}",
        "",
        "Practise real replies in a mock social feed before you speak for the company: write, post, edit or",
        "delete a reply, hide or report a comment, and see how the thread reacts. Each thread checks your",
        "reply, asks you to assess it honestly and shows a model reply after your first attempt. Nothing",
        "you write leaves this browser. Practice counts in [your progress](../progress.md), never towards a",
        "certificate.",
        "",
        '<p class="academy-sandbox__summary" data-sandbox-summary role="status"></p>',
        "",
    ]
    if not project.threads:
        parts.append("There are no practice threads yet.")
    tracks = [(t.id, t.title) for t in project.tracks.values()] + [("", "Other practice threads")]
    for track_id, track_title in tracks:
        threads = by_track.get(track_id)
        if not threads:
            continue
        anchor = f" {{#{track_id}}}" if track_id else " {#other}"
        parts += [f"## {escape(track_title)}{anchor}", "", '<ul class="academy-sandbox__list" data-sandbox-list>']
        modules = project.modules
        order = {m.id: i for i, m in enumerate(project.ordered_modules())}
        for thread in sorted(threads, key=lambda t: (order.get(t.module, 1 << 30), t.title)):
            module = modules.get(thread.module)
            href = f"{link(module.src)}#thread-{thread.id}" if module else "#"
            about = f"{module.title} · " if module else ""
            parts.append(
                f'<li class="academy-sandbox__item" data-thread-item="{escape(thread.id)}">'
                f'<a href="{escape(href)}">{escape(thread.title)}</a> '
                f'<span class="academy-sandbox__about">{escape(about)}{escape(thread.platform_name)}</span> '
                '<span class="academy-sandbox__state" data-thread-state>Not tried yet</span></li>'
            )
        parts += ["</ul>", ""]
    return "\n".join(parts) + "\n"


def _yaml_text(text: str) -> str:
    """A YAML double-quoted scalar (JSON is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)
