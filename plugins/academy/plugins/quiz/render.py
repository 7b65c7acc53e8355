"""A quiz as HTML: readable without JavaScript, with no answer in it.

Every text from the YAML is either escaped or rendered through Markdown with the
site's extensions. What is right, and the per-option feedback, are left out: they
ship in the key JSON the script reads (`academy.core.quiz.key_json`). Items to
order and right-hand sides to match appear in a fixed shuffled order, never the
answer's.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterable, Iterator
from html import escape
from typing import Any

import markdown

from ...core.question_types import TYPES
from ...core.quiz import Question, Quiz
from ..words import Words, words

#: Platform names are brands, the same in every language; the others are words (`quiz.platform.*`).
PLATFORMS = {
    "linkedin": "LinkedIn",
    "x": "X (Twitter)",
    "instagram": "Instagram",
    "facebook": "Facebook",
    "tiktok": "TikTok",
    "youtube": "YouTube",
    "threads": "Threads",
}
_PARAGRAPH = re.compile(r"<p>(.*)</p>", re.S)
#: One line of words and plain punctuation, not starting like a list, heading, quote, definition,
#: admonition or folded block, with no `:shortcode:` emoji: Markdown turns it into one paragraph
#: unchanged, so it skips the parser (most options and feedback). Markdown gives meaning only to
#: ASCII marks, so any other character is plain; `&`, `<`, `>`, `*`, `_`, `[`, backticks and
#: backslashes are left to Markdown.
_PLAIN = re.compile(
    r"(?![-+#>=:!?]|\d+[.)])(?!.*:[+\w-]+:)(?:[^\x00-\x7f]|[A-Za-z0-9 ,.;?'\"()%/$!@#:=+-])+",
)
_TAG = re.compile(r"<[^>]+>")
_HASHTAG_LINE = re.compile(r"(?m)^([ \t]*)(?=#[^\s#])")


#: Put between texts rendered in one Markdown pass: an HTML comment on a line of its own is a raw
#: block that Markdown hands back unchanged, between the HTML of the text before and after it.
_SPLIT = "<!-- academy:split -->"
#: What a text may hold that a shared pass could render unlike a pass of its own: document-wide
#: definitions and numbering (footnotes, reference links, abbreviations, heading ids, tab sets),
#: blocks that could run on into the next text (fences, raw HTML, `///` blocks), or the separator.
_ALONE = re.compile(
    r"\[\^|^\s*\[[^\]]*\]:|^\s*\*\[|^\s*#|^\s*(?:=+|-+)\s*$|^\s*===|```|~~~|^\s*///|<|academy:split", re.M
)
#: Texts per shared pass: large enough to spread Markdown's fixed cost per conversion, small enough
#: that one odd text costs little when its batch falls back to one pass per text.
_BATCH = 200


class MarkdownRenderer:
    """Markdown as the site renders its pages: the same extensions and settings.

    A quiz has many short texts (prompts, options, feedback); one conversion each costs more in
    Markdown's fixed work per document than in the text. `prepare` renders them ahead in a few
    shared passes and `block` then answers from what it rendered: the same HTML, a text at a time.
    """

    def __init__(self, extensions: list[Any], configs: dict[str, Any]) -> None:
        self._md = markdown.Markdown(extensions=extensions, extension_configs=configs)
        self._html: dict[str, str] = {}

    def block(self, text: str) -> str:
        # A line starting with a hashtag ("#Hiring #Oslo") would be a heading: Python-Markdown needs
        # no space after "#". In a quiz it is always a hashtag; "# Title" with a space stays a heading.
        text = _HASHTAG_LINE.sub(r"\1\\", text.strip())
        if _PLAIN.fullmatch(text):
            return f"<p>{text}</p>"
        html = self._html.get(text)
        if html is None:
            html = self._html[text] = self._convert(text)
        return html

    def prepare(self, texts: Iterable[str]) -> None:
        """Render ahead, in shared passes, every text of `texts` that `block` would convert."""
        # Keyed as `block` looks them up: with hashtag lines escaped.
        pending = list(dict.fromkeys(_HASHTAG_LINE.sub(r"\1\\", t.strip()) for t in texts))
        pending = [t for t in pending if t not in self._html and not _PLAIN.fullmatch(t)]
        shared = [t for t in pending if not _ALONE.search(t)]
        for text in pending:
            if _ALONE.search(text):
                self._html[text] = self._convert(text)
        for start in range(0, len(shared), _BATCH):
            batch = shared[start : start + _BATCH]
            parts = self._convert(f"\n\n{_SPLIT}\n\n".join(batch)).split(f"\n{_SPLIT}\n")
            if len(parts) != len(batch):  # a text swallowed a separator after all: one pass each
                parts = [self._convert(text) for text in batch]
            self._html.update(zip(batch, (part.strip() for part in parts), strict=True))

    def _convert(self, text: str) -> str:
        self._md.reset()  # footnotes, abbreviations and the like must not leak between texts
        return self._md.convert(text)

    def inline(self, text: str) -> str:
        """A one-paragraph text without its <p>, for labels and other phrasing content."""
        html = self.block(text)
        match = _PARAGRAPH.fullmatch(html)
        return match.group(1) if match and "<p>" not in match.group(1) else html

    def plain(self, text: str) -> str:
        """Escaped text without markup, for <option> elements, which hold nothing else."""
        return _TAG.sub("", self.inline(text)).strip()


def quiz_texts(quiz: Quiz) -> Iterator[str]:
    """Every text of a quiz that goes through Markdown, in the page or in its key (feedback)."""
    for q in quiz.questions:
        yield q.prompt
        yield q.explanation
        for option in q.options:
            yield option.text
            yield option.feedback
        if q.post is not None:
            yield q.post.text
            if q.post.context:
                yield q.post.context
        yield from q.items
        for pair in q.pairs:
            yield pair.left
            yield pair.right
        if q.feedback is not None:
            yield q.feedback.correct
            yield q.feedback.incorrect


def shuffled(count: int, seed: str) -> list[int]:
    """A fixed order of `count` indices that is never the YAML order (when count > 1)."""
    order = list(range(count))
    random.Random(seed).shuffle(order)
    if count > 1 and order == sorted(order):
        order = order[1:] + order[:1]
    return order


def _attrs(**values: str | None) -> str:
    return "".join(f' {k.replace("_", "-")}="{escape(v)}"' for k, v in values.items() if v is not None)


def render_quiz(
    quiz: Quiz,
    *,
    module: str | None,
    key_url: str,
    notice: str,
    md: MarkdownRenderer,
    record: bool = True,
    language: str = "en",
) -> str:
    """The quiz container that replaces `<!-- academy:quiz ID -->` in a page, its words in `language`
    (the build's: strings section `quiz`).

    `record` False tells the script not to offer the completion-record download.
    """
    w = words(language, "quiz")
    base = f"aq-{quiz.id}"
    # A <section> and no nested one: Material's search parser compares skipped elements by tag
    # name, so a nested element with the container's tag would end the exclusion early.
    head = (
        f'<section class="academy-quiz" id="{base}" data-search-exclude'
        + _attrs(
            data_quiz=quiz.id,
            data_module=module or "",
            data_key=key_url,
            data_pass_mark=str(quiz.pass_mark),
            data_hash=quiz.content_hash,
            data_pool=str(quiz.attempt_size) if quiz.pool else None,
            data_record=None if record else "off",
            aria_labelledby=f"{base}-title",
        )
        + ">"
    )
    rules = w("pass_mark", mark=w.number(quiz.pass_mark))
    if quiz.pool and quiz.attempt_size < len(quiz.questions):
        rules += " " + w("draw", size=w.number(quiz.attempt_size), total=w.number(len(quiz.questions)))
    parts = [
        head,
        f'<p class="academy-quiz__title" id="{base}-title"><strong>{escape(quiz.title)}</strong></p>',
        f'<p class="academy-quiz__notice">{escape(notice)}</p>',
        f'<p class="academy-quiz__rules">{escape(rules)}</p>',
        f'<noscript><p class="academy-quiz__rules">{w.html("noscript")}</p></noscript>',
        '<ol class="academy-quiz__questions">',
        *(_question(quiz, q, md, w) for q in quiz.questions),
        "</ol>",
        f'<div class="academy-quiz__end" id="{base}-end"></div>',
        "</section>",
    ]
    return "\n".join(parts)


def _question(quiz: Quiz, q: Question, md: MarkdownRenderer, w: Words) -> str:
    qid = f"aq-{quiz.id}-{q.id}"
    points = escape(w.n("points", q.points))
    body = BODIES[TYPES[q.type].render](qid, q, md, quiz.shuffle_options, w)
    return (
        f'<li class="academy-quiz__item" id="{qid}"'
        + _attrs(data_question=q.id, data_type=q.type, data_hash=q.content_hash, data_points=str(q.points))
        + f'>\n<fieldset class="academy-quiz__question" aria-labelledby="{qid}-prompt" aria-describedby="{qid}-points">'
        f'\n<div class="academy-quiz__prompt" id="{qid}-prompt">{md.block(q.prompt)}</div>'
        f'\n<p class="academy-quiz__points" id="{qid}-points">{points}</p>\n{body}'
        f'\n<div class="academy-quiz__feedback" id="{qid}-feedback" tabindex="-1" aria-live="polite"></div>'
        f'\n<details class="academy-quiz__explanation"><summary>{w.html("explanation")}</summary>'
        f"{md.block(q.explanation)}</details>"
        "\n</fieldset>\n</li>"
    )


def _post(qid: str, q: Question, md: MarkdownRenderer, w: Words) -> str:
    post = q.post
    assert post is not None  # the loader guarantees a post on every scenario
    word = f"platform.{post.platform}"
    platform = PLATFORMS.get(post.platform) or (w(word) if w(word) != word else post.platform)
    handle = f' <span class="academy-post__handle">{escape(post.handle)}</span>' if post.handle else ""
    context = (
        f'<figcaption class="academy-post__context"><strong>{w.html("context")}</strong>'
        f" {md.inline(post.context)}</figcaption>"
        if post.context
        else ""
    )
    return (
        f'<figure class="academy-post academy-post--{escape(post.platform)}"'
        f' aria-label="{escape(w("mock_post", platform=platform, author=post.author))}">'
        f'<div class="academy-post__head"><span class="academy-post__avatar" aria-hidden="true">'
        f"{escape(post.author[:1].upper())}</span>"
        f'<span class="academy-post__who"><span class="academy-post__author">{escape(post.author)}</span>{handle}'
        f'</span><span class="academy-post__platform">{escape(platform)}</span></div>'
        f'<div class="academy-post__text">{md.block(post.text)}</div>{context}</figure>'
    )


def _choices(qid: str, q: Question, md: MarkdownRenderer, shuffle: bool, w: Words) -> str:
    kind = "checkbox" if q.type == "multiple" else "radio"
    hint = ""
    if q.type in ("multiple", "scenario"):
        hint = f'<p class="academy-quiz__hint" id="{qid}-hint">{w.html(f"hint.{q.type}")}</p>'
    # Authors tend to write the right option first: without JavaScript, shuffled options keep it hidden.
    order = shuffled(len(q.options), q.content_hash) if shuffle else range(len(q.options))
    options = "".join(
        f'<li class="academy-quiz__option" data-option="{i}"><input type="{kind}" id="{qid}-{i}" name="{qid}"'
        f' value="{i}"><label for="{qid}-{i}">{md.inline(q.options[i].text)}</label></li>'
        for i in order
    )
    post = _post(qid, q, md, w) if q.type == "scenario" else ""
    return f'{post}{hint}<ul class="academy-quiz__options">{options}</ul>'


def _true_false(qid: str, q: Question, md: MarkdownRenderer, shuffle: bool, w: Words) -> str:
    options = "".join(
        f'<li class="academy-quiz__option" data-option="{value}"><input type="radio" id="{qid}-{value}"'
        f' name="{qid}" value="{value}"><label for="{qid}-{value}">{label}</label></li>'
        for value, label in (("true", w.html("answer_true")), ("false", w.html("answer_false")))
    )
    return f'<ul class="academy-quiz__options">{options}</ul>'


def _short_text(qid: str, q: Question, md: MarkdownRenderer, shuffle: bool, w: Words) -> str:
    return (
        f'<p class="academy-quiz__answer"><label for="{qid}-text">{w.html("your_answer")}</label> '
        f'<input type="text" id="{qid}-text" name="{qid}" autocomplete="off" autocapitalize="off"'
        ' spellcheck="false"></p>'
    )


def _ordering(qid: str, q: Question, md: MarkdownRenderer, shuffle: bool, w: Words) -> str:
    items = "".join(
        f'<li class="academy-quiz__step" data-item="{i}"><span class="academy-quiz__step-text">'
        f"{md.inline(q.items[i])}</span></li>"
        for i in shuffled(len(q.items), q.content_hash)
    )
    return (
        f'<p class="academy-quiz__hint" id="{qid}-hint">{w.html("hint.ordering")}</p>'
        f'<ol class="academy-quiz__order" aria-describedby="{qid}-hint">{items}</ol>'
    )


def _matching(qid: str, q: Question, md: MarkdownRenderer, shuffle: bool, w: Words) -> str:
    choices = "".join(
        f'<option value="{i}">{md.plain(q.pairs[i].right)}</option>' for i in shuffled(len(q.pairs), q.content_hash)
    )
    rows = "".join(
        f'<li class="academy-quiz__pair"><label for="{qid}-{i}">{md.inline(p.left)}</label>'
        f'<select id="{qid}-{i}" data-pair="{i}"><option value="">{w.html("choose")}</option>{choices}</select></li>'
        for i, p in enumerate(q.pairs)
    )
    return (
        f'<p class="academy-quiz__hint" id="{qid}-hint">{w.html("hint.matching")}</p>'
        f'<ul class="academy-quiz__pairs">{rows}</ul>'
    )


#: The answer area of each renderer a question type names (`QuestionType.render`).
BODIES: dict[str, Callable[[str, Question, MarkdownRenderer, bool, Words], str]] = {
    "choices": _choices,
    "true_false": _true_false,
    "short_text": _short_text,
    "ordering": _ordering,
    "matching": _matching,
}
