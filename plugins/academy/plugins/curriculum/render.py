"""Markdown of the generated curriculum pages, from overridable Jinja templates."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from ...core.curriculum import Module
from ...core.project import Project
from ...i18n.strings import Translator
from ...routes import MODULE_META, ROUTES
from .prerequisite_map import prerequisite_map

FORMATS = {"self-paced": "Self-paced", "live": "Live workshop", "both": "Self-paced or live"}
LEVELS = ["beginner", "intermediate", "advanced"]

Link = Callable[[str], str]


@dataclass(frozen=True)
class ScheduleRow:
    section: str
    minutes: int
    start: str
    end: str


class Renderer:
    """Renders each generated page; `link(src)` gives the URL of a page relative to the current one."""

    def __init__(
        self,
        project: Project,
        overrides: Path,
        certificate_pages: bool = False,
        language: str = "en",
        site_config: Path | None = None,
    ) -> None:
        self.project = project
        #: The interface strings of this build's language, with the project's own overrides.
        self.strings = Translator(language, site_config)
        #: Whether the academy-exams plugin publishes a page per certificate (`certificates/ID/`).
        self.certificate_pages = certificate_pages
        self.env = Environment(
            loader=ChoiceLoader([FileSystemLoader(str(overrides)), PackageLoader("academy.plugins.curriculum")]),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            # Markdown heading ids look like Jinja comments: {#anchor}.
            comment_start_string="{##",
            comment_end_string="##}",
            # A renderer lives for one build (on_files), in which no template changes: without
            # this, every one of a large curriculum's pages stats its template files again.
            auto_reload=False,
        )

    def _render(self, name: str, link: Link, **context: object) -> str:
        md = getattr(link, "md", link)

        def certificate_src(certificate: object | None) -> str:
            """The certificate's page (for `link` or `md`), or "" when the site has none."""
            return ROUTES.certificate(certificate.id) if certificate and self.certificate_pages else ""  # type: ignore[attr-defined]

        # `routes` names every page a template links to; `module_meta` the key module pages carry;
        # `t`/`tn` give the interface strings of the build's language (templates an academy
        # overrides without them keep working: every older name is still given).
        strings = self.strings
        return self.env.get_template(name).render(
            link=link,
            md=md,
            t=_markup_aware(strings),
            tn=_markup_aware(strings.plural),
            language=strings.code,
            formats={key: strings(f"module.formats.{key}") for key in FORMATS},
            levels=LEVELS,
            level_names={key: strings(f"module.levels.{key}") for key in LEVELS},
            certificate_src=certificate_src,
            routes=ROUTES,
            module_meta=MODULE_META,
            **context,
        )

    def module(self, module: Module, link: Link) -> str:
        track = self.project.track_of(module)
        order = [m for m in track.modules if m in self.project.modules] if track else [module.id]
        index = order.index(module.id) if module.id in order else 0
        neighbour = lambda i: self.project.modules[order[i]] if 0 <= i < len(order) else None  # noqa: E731
        sections = self.project.sections
        return self._render(
            "module.md.j2",
            link,
            module=module,
            track=track,
            prerequisites=[self.project.modules[p] for p in module.prerequisites if p in self.project.modules],
            sections=[sections[ref] for ref in module.teaches if ref in sections],
            previous=neighbour(index - 1),
            next=neighbour(index + 1),
        )

    def trainer(self, module: Module, link: Link) -> str:
        rows, start = [], 0
        for item in module.schedule:
            rows.append(ScheduleRow(item.section, item.minutes, _clock(start), _clock(start + item.minutes)))
            start += item.minutes
        return self._render("trainer.md.j2", link, module=module, track=self.project.track_of(module), schedule=rows)

    def trainers(self, link: Link, contributing: str) -> str:
        modules = self.project.ordered_modules()
        return self._render(
            "trainers.md.j2",
            link,
            modules=modules,
            track_titles=self._track_titles(),
            total_minutes=sum(m.duration for m in modules),
            repo_contributing=contributing,
        )

    def catalogue(self, link: Link) -> str:
        return self._render(
            "catalogue.md.j2",
            link,
            modules=self.project.ordered_modules(),
            tracks=list(self.project.tracks.values()),
            track_titles=self._track_titles(),
        )

    def tracks(self, link: Link) -> str:
        return self._render(
            "tracks.md.j2",
            link,
            tracks=self._track_summaries(),
            map_svg=prerequisite_map(self.project, link),
        )

    def track(self, track_id: str, link: Link) -> str:
        summary = next(t for t in self._track_summaries() if t.track.id == track_id)
        return self._render(
            "track.md.j2",
            link,
            track=summary.track,
            modules=summary.modules,
            minutes=summary.minutes,
            certificate=summary.certificate,
        )

    def progress(self, link: Link) -> str:
        return self._render("progress.md.j2", link, tracks=self._track_summaries())

    def _track_titles(self) -> dict[str, str]:
        return {t.id: t.title for t in self.project.tracks.values()}

    def _track_summaries(self) -> list[TrackSummary]:
        found = []
        for track in self.project.tracks.values():
            modules = [self.project.modules[m] for m in track.modules if m in self.project.modules]
            certificate = self.project.certificates.get(track.certificate or "")
            found.append(TrackSummary(track, modules, sum(m.duration for m in modules), certificate))
        return found


@dataclass(frozen=True)
class TrackSummary:
    track: object
    modules: list[Module]
    minutes: int
    certificate: object | None


def _markup_aware(lookup: Callable[..., str]) -> Callable[..., str]:
    """A template's `t`: text (escaped where the template prints it), or, when a value is markup
    (a link the template built), markup made of the escaped string with that value in place."""

    def t(key: str, *args: object, **values: object) -> str:
        if not any(isinstance(v, Markup) for v in values.values()):
            return lookup(key, *args, **values)
        markers = {name: f"\x00{name}\x00" for name in values}
        text = str(escape(lookup(key, *args, **markers)))
        for name, value in values.items():
            text = text.replace(markers[name], str(escape(value)))
        return Markup(text)

    return t


def _clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"
