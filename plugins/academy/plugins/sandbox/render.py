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
from ..words import Words

#: The reactions a thread may carry; each one's words are `sandbox.script.reaction.<kind>.*` in the
#: strings files (sandbox.js reads the same keys).
REACTIONS = ("like", "love", "laugh", "angry", "sad", "repost")
ENGLISH = Words("en")


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


def ago(minutes: int, words: Words = ENGLISH) -> tuple[str, str]:
    """A timestamp as a feed shows it, and as a screen reader should say it (sandbox.js: `ago`)."""
    if minutes < 1:
        return words("sandbox.script.ago.now"), words("sandbox.script.ago.just_now")
    for unit, size, below in (("minutes", 1, 60), ("hours", 60, 24 * 60), ("days", 24 * 60, None)):
        if below is None or minutes < below:
            n = minutes // size
            return words(f"sandbox.script.ago.{unit}_short", count=words.number(n)), words.n(
                f"sandbox.script.ago.{unit}", n
            )
    raise AssertionError("unreachable: the last unit has no bound")


def count_text(kind: str, count: int, words: Words = ENGLISH) -> str:
    """`3 likes`: a reaction's count (an unknown kind is shown by its name)."""
    if kind not in REACTIONS:
        return f"{words.number(count)} {kind}"
    return words.n(f"sandbox.script.reaction.{kind}", count)


def _message(thread: Thread, message: Message, kind: str, words: Words) -> str:
    person = thread.people.get(message.by)
    name, handle = (person.name, person.handle) if person else (message.by, "")
    short, spoken = ago(message.minutes, words)
    reactions = "".join(
        f'<li class="academy-thread__reaction">{escape(count_text(k, v, words))}</li>'
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
        + (
            f'<ul class="academy-thread__reactions" aria-label="{escape(words("sandbox.script.reactions"))}">'
            f"{reactions}</ul>"
            if reactions
            else ""
        )
        + "</div></article>"
    )


def render_thread(thread: Thread, *, data_url: str, notice: str, words: Words = ENGLISH) -> str:
    """The container that replaces `<!-- academy:thread ID -->` in a lesson, in `words`' language."""
    w = words
    base = f"thread-{thread.id}"
    comments = "".join(f"<li>{_message(thread, c, 'comment', w)}</li>" for c in thread.comments)
    # The whole sentence is escaped once; then the role's name goes in, bold, where the marker is.
    platform = w(
        "sandbox.platform",
        platform=thread.platform_name,
        role="\x00",
        handle=thread.role_handle,
        limit=w.number(thread.limit),
    )
    before, _, after = escape(platform).partition("\x00")
    platform = f"{before}<strong>{escape(thread.role_name)}</strong>{after}"
    return (
        f'<section class="academy-thread" id="{base}" data-academy-thread="{escape(thread.id)}"'
        f' data-src="{escape(data_url)}" data-module="{escape(thread.module)}" data-search-exclude'
        f' aria-labelledby="{base}-title">'
        f'<h2 class="academy-thread__title" id="{base}-title">'
        f"{escape(w('sandbox.thread_title', title=thread.title))}</h2>"
        f'<p class="academy-thread__notice">{escape(notice)}</p>'
        f'<p class="academy-thread__role"><strong>{escape(w("sandbox.role"))}</strong> {escape(thread.brief)}</p>'
        f'<p class="academy-thread__platform">{platform}</p>'
        f'<div class="academy-thread__feed" data-thread-feed>{_message(thread, thread.post, "post", w)}'
        f'<ol class="academy-thread__comments" aria-label="{escape(w("sandbox.comments"))}">{comments}</ol></div>'
        f'<noscript><p class="academy-thread__notice">{escape(w("sandbox.noscript"))}'
        "</p></noscript></section>"
    )


def sandbox_page(project: Project, title: str, link: Callable[[str], str], words: Words = ENGLISH) -> str:
    """The Markdown of `sandbox/`: every thread by track, with a status the script fills in."""
    by_track: dict[str, list[Thread]] = {}
    for thread in project.threads.values():
        module = project.modules.get(thread.module)
        by_track.setdefault(module.track if module else "", []).append(thread)
    parts = [
        "---",
        f"title: {_yaml_text(title)}",
        f"description: {_yaml_text(words('sandbox.page.description'))}",
        "search:\n  exclude: true",
        "---",
        "",
        f"# {escape(title)}",
        "",
        words("sandbox.page.lead", progress_url="../progress.md"),
        "",
        '<p class="academy-sandbox__summary" data-sandbox-summary role="status"></p>',
        "",
    ]
    if not project.threads:
        parts.append(words("sandbox.page.none"))
    tracks = [(t.id, t.title) for t in project.tracks.values()] + [("", words("sandbox.page.other"))]
    for track_id, track_title in tracks:
        threads = by_track.get(track_id)
        if not threads:
            continue
        anchor = f" {{#{track_id}}}" if track_id else " {#other}"
        parts += [f"## {escape(track_title)}{anchor}", "", '<ul class="academy-sandbox__list" data-sandbox-list>']
        modules = project.modules
        not_tried = escape(words("sandbox.page.not_tried"))
        order = {m.id: i for i, m in enumerate(project.ordered_modules())}
        for thread in sorted(threads, key=lambda t: (order.get(t.module, 1 << 30), t.title)):
            module = modules.get(thread.module)
            href = f"{link(module.src)}#thread-{thread.id}" if module else "#"
            about = f"{module.title} · " if module else ""
            parts.append(
                f'<li class="academy-sandbox__item" data-thread-item="{escape(thread.id)}">'
                f'<a href="{escape(href)}">{escape(thread.title)}</a> '
                f'<span class="academy-sandbox__about">{escape(about)}{escape(thread.platform_name)}</span> '
                f'<span class="academy-sandbox__state" data-thread-state>{not_tried}</span></li>'
            )
        parts += ["</ul>", ""]
    return "\n".join(parts) + "\n"


def _yaml_text(text: str) -> str:
    """A YAML double-quoted scalar (JSON is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)
