"""The prerequisite map: an SVG drawn at build time, so it needs no script and no CDN.

Workshops stand in columns by depth (the longest chain of prerequisites before
them) and in rows by track, so a learner reads the map from left to right.

The SVG only draws; the links are HTML `<a>` elements laid over its boxes. Links inside an
SVG are `SVGAElement`s, whose `href` cannot be set: Material's instant navigation tries to,
throws, and stops working for the rest of the visit.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from html import escape

from ...core.project import Project

WIDTH, HEIGHT, GAP_X, GAP_Y, PAD = 210, 46, 50, 14, 10


def prerequisite_map(project: Project, link: Callable[[str], str]) -> str:
    modules = project.ordered_modules()
    known = {m.id for m in modules}

    @cache
    def depth(module_id: str, seen: frozenset[str] = frozenset()) -> int:
        prereqs = [p for p in project.modules[module_id].prerequisites if p in known and p not in seen]
        return 1 + max((depth(p, seen | {module_id}) for p in prereqs), default=-1)

    columns: dict[int, list[str]] = {}
    for module in modules:
        columns.setdefault(depth(module.id), []).append(module.id)
    place: dict[str, tuple[int, int]] = {}
    for col, ids in columns.items():
        for row, module_id in enumerate(ids):
            place[module_id] = (PAD + col * (WIDTH + GAP_X), PAD + row * (HEIGHT + GAP_Y))
    width = PAD * 2 + len(columns) * (WIDTH + GAP_X) - GAP_X
    height = PAD * 2 + max(len(ids) for ids in columns.values()) * (HEIGHT + GAP_Y) - GAP_Y if columns else 0
    track_index = {t: i for i, t in enumerate(project.tracks)}
    parts = [
        f'<div class="academy-map-canvas" style="width: {width}px; height: {height}px">',
        f'<svg class="academy-map-svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        'role="img" aria-labelledby="academy-map-title academy-map-desc" xmlns="http://www.w3.org/2000/svg">',
        '<title id="academy-map-title">Prerequisite map of all workshops</title>',
        f'<desc id="academy-map-desc">{len(modules)} workshops; an arrow leads from a prerequisite to '
        "the workshop that builds on it. The list of links that follows opens each workshop.</desc>",
        '<defs><marker id="academy-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z"/></marker></defs>',
        '<g class="academy-map-edges">',
    ]
    for module in modules:
        x2, y2 = place[module.id]
        for prereq in module.prerequisites:
            if prereq in place:
                x1, y1 = place[prereq]
                sx, sy, ex, ey = x1 + WIDTH, y1 + HEIGHT / 2, x2, y2 + HEIGHT / 2
                mid = (sx + ex) / 2
                parts.append(
                    f'<path d="M{sx} {sy}C{mid} {sy} {mid} {ey} {ex - 2} {ey}" marker-end="url(#academy-arrow)"/>'
                )
    parts.append("</g>")
    links = ['<ul class="academy-map-links">']
    for module in modules:
        x, y = place[module.id]
        title = module.title if len(module.title) <= 30 else module.title[:29] + "…"
        track_class = f"academy-track-{track_index.get(module.track, 0)}"
        track_title = project.tracks[module.track].title if module.track in project.tracks else module.track
        parts.append(
            f'<g class="academy-map-box {track_class}" data-module="{escape(module.id)}">'
            f'<rect x="{x}" y="{y}" width="{WIDTH}" height="{HEIGHT}" rx="6"/>'
            f'<text x="{x + 10}" y="{y + 20}">{escape(title)}</text>'
            f'<text x="{x + 10}" y="{y + 37}" class="academy-map-sub">{escape(track_title)}</text></g>'
        )
        # The box's whole area is the link; its text is the full title, for screen readers and
        # as the tooltip the SVG <title> used to give.
        links.append(
            f'<li><a href="{escape(link(module.src))}" class="academy-map-node {track_class}" '
            f'data-module="{escape(module.id)}" title="{escape(module.title)}" '
            f'style="left: {x}px; top: {y}px; width: {WIDTH}px; height: {HEIGHT}px">'
            f'<span class="academy-sr">{escape(module.title)} ({escape(track_title)})</span></a></li>'
        )
    parts.append("</svg>")
    links.append("</ul>")
    return "".join(parts + links) + "</div>"
