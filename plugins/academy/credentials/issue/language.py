"""The language a certificate is issued in, and what its credential says in that language.

A hub-scored certificate follows the learner's request: the exam page records its language
(`"language": "nl"`), the ledger keeps the request with the attempt, so a request approved
later (`academy review`) is issued in the same language. A re-issue keeps the language of
the certificate it replaces; a roster, or a request from before languages, gets the site's
source language. The rule's title, description and criteria come from its translation
(`curriculum/certificates/<id>.<code>.yml`, through `academy.i18n.localize`); a language the
rule has no translation in gets the source text, and the credential says so (`inLanguage` is
the language the text is really in). The names the credential adds (result, evidence) come
from the interface strings, section `certificate`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..documents import ob3
from ..store.attempts import AttemptBook
from ..store.ledger import Entry, Transaction
from .awards import Award

if TYPE_CHECKING:
    from academy.core.curriculum import CertificateRule
    from academy.core.project import Project

#: The credential's own texts (`ob3.Achievement.labels`): key of section `certificate` of the strings.
LABELS = ("score", "evidence_exam", "evidence_roster")


@dataclass
class RuleTexts:
    """The site's languages and each certificate rule's text in each of them."""

    source: str = "en"
    codes: tuple[str, ...] = ("en",)
    #: language -> rule id -> the rule with that language's text (only rules translated into it).
    rules: dict[str, dict[str, CertificateRule]] = field(default_factory=dict)
    #: rule id -> its title in the source file (for a project already localized: a language's build).
    source_titles: dict[str, str] = field(default_factory=dict)

    def languages_of(self, rule_id: str) -> list[str]:
        """The languages `rule_id` has a text in, the source first."""
        return [self.source] + [c for c in self.codes[1:] if rule_id in self.rules.get(c, {})]

    def achievement(self, rule: CertificateRule, language: str, site_url: str) -> ob3.Achievement:
        """The achievement of `rule` as a credential in `language` states it (source text where untranslated)."""
        from academy.i18n import strings

        have = self.languages_of(rule.id)
        written = language if language in have else self.source
        local = rule if written == self.source else self.rules[written][rule.id]
        labels = {key: strings.text(written, f"certificate.{key}") for key in LABELS}
        return ob3.achievement_for(
            local,
            site_url,
            language=written,
            source_language=self.source,
            related=[c for c in have if c != written],
            labels=labels,
        )


def rule_texts(project: Project) -> RuleTexts:
    """Each rule's text per configured language (site.yml `languages:`); problems are `academy validate`'s."""
    from academy.core.curriculum import load_certificate
    from academy.core.problems import Problems
    from academy.i18n.languages import load_languages
    from academy.i18n.localize import localize
    from academy.i18n.translations import discover, kinds

    layout = project.layout
    languages = load_languages(project.root / layout.site_config / "site.yml", Problems())
    texts = RuleTexts(languages.source, languages.codes)
    if not languages.targets:
        return texts
    found = discover(project.root, languages, Problems(), kinds(layout.content, layout.curriculum, layout.quizzes))
    rules = [t for t in found if t.kind == "certificate"]  # only the rules' texts: nothing else is localized here
    for t in rules:
        source = load_certificate(t.source, Problems()) if t.source.is_file() else None
        if source is not None:
            texts.source_titles[t.stem] = source.title
    for code in languages.targets:
        mine = {t.stem for t in rules if t.language == code and t.current_sha is not None}
        localized = localize(project, code, [t for t in rules if t.language == code]).project
        texts.rules[code] = {rid: localized.certificates[rid] for rid in mine if rid in localized.certificates}
    return texts


def award_language(txn: Transaction, award: Award, current: Entry | None, texts: RuleTexts) -> tuple[str, str | None]:
    """(language, warning or None) of the certificate `award` gives; `current` is the one it may replace."""
    wanted = award.language
    if wanted is None and award.source == "exam" and award.source_key.startswith("exam:"):
        wanted = _request_language(txn, award.source_key.removeprefix("exam:"))
    if wanted is None and award.source == "reissue" and current is not None:
        wanted = ob3.achievement_language(_credential(current.credential))
    if wanted is None:
        return texts.source, None
    if wanted not in texts.codes:
        known = ", ".join(texts.codes)
        return texts.source, (
            f'language "{wanted}" is not one of the site\'s languages ({known}): the certificate is in '
            f"{texts.source}; add it to languages: in site_config/site.yml to issue in it"
        )
    return wanted, None


def _request_language(txn: Transaction, sha256: str) -> str | None:
    """The `language` of the request the ledger holds with its attempt (None: none recorded)."""
    import sqlite3

    try:
        attempt = AttemptBook(txn.db).by_request(sha256)
    except sqlite3.OperationalError:  # no attempts table: no request was ever taken in
        return None
    data = _credential(attempt.request) if attempt else {}
    # i18n: `request.language` as requests.py parses it; the stored JSON is what the learner's page wrote.
    language = data.get("language")
    return language if isinstance(language, str) and language else None


def _credential(text: str) -> Mapping[str, Any]:
    try:
        data = json.loads(text)
    except (TypeError, ValueError):
        return {}
    return data if isinstance(data, Mapping) else {}
