"""The prerequisite map: an SVG drawn at build time, so it needs no script and no CDN.

Workshops stand in columns by depth (the longest chain of prerequisites before
them) and in rows by track, so a learner reads the map from left to right.

The SVG only draws; the links are HTML `<a>` elements laid over its boxes. Links inside an
SVG are `SVGAElement`s, whose `href` cannot be set: Material's instant navigation tries to,
throws, and stops working for the rest of the visit.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from ...core.project import Project

WIDTH, HEIGHT, GAP_X, GAP_Y, PAD = 210, 46, 50, 14, 10


def module_depths(project: Project, module_ids: list[str]) -> dict[str, int]:
    """Each module's column: the length of the longest chain of prerequisites before it.

    An explicit stack rather than recursion: a curriculum may chain hundreds of modules one after
    the other, deeper than Python's recursion limit. Each module is finished once, after all its
    prerequisites (a longest path in a DAG, linear in modules plus prerequisites). Validation
    rejects cycles; should one reach here anyway, the prerequisite that closes it is skipped.
    """
    known = set(module_ids)

    def prereqs(module_id: str) -> list[str]:
        return [p for p in project.modules[module_id].prerequisites if p in known]

    depth: dict[str, int] = {}
    on_path: set[str] = set()
    for start in module_ids:
        if start in depth:
            continue
        on_path.add(start)
        stack = [(start, iter(prereqs(start)))]
        while stack:
            node, pending = stack[-1]
            for prereq in pending:
                if prereq not in depth and prereq not in on_path:
                    on_path.add(prereq)
                    stack.append((prereq, iter(prereqs(prereq))))
                    break
            else:  # every prerequisite is finished (or closes a cycle): this module can be too
                stack.pop()
                on_path.discard(node)
                depth[node] = 1 + max((depth[p] for p in prereqs(node) if p in depth), default=-1)
    return depth


def prerequisite_map(project: Project, link: Callable[[str], str]) -> str:
    modules = project.ordered_modules()
    depth = module_depths(project, [m.id for m in modules])
    columns: dict[int, list[str]] = {}
    for module in modules:
        columns.setdefault(depth[module.id], []).append(module.id)
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
