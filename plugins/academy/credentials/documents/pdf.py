"""The printable certificate: one A4 landscape page per credential (fpdf2).

Every text is drawn as plain text (no Markdown, no HTML), so a name such as
`<script>alert(1)</script>` prints exactly as typed. Texts in right-to-left or joined scripts
(Hebrew, Arabic) are shaped and ordered by HarfBuzz through fpdf2; each name sits on its own
line, so its direction cannot reorder the text around it. The fonts are subsets of DejaVu Sans
(see `fonts/README.md`, Latin-1 and Latin Extended: Danish æøå, Italian àèéìòù); characters they
lack print as boxes, and `missing_characters` tells.

Every label is an interface string (section `certificate` of academy/i18n/strings/<language>.yml)
in the certificate's language, and the dates are in that language's long format (Babel/CLDR).
"""

from __future__ import annotations

import copy
import os
import unicodedata
from collections.abc import Generator, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from io import BytesIO
from pathlib import Path

import segno
from fpdf import FPDF
from fpdf.enums import MethodReturnValue, XPos, YPos
from fpdf.fonts import SubsetMap, TTFFont

from .. import dates

FONTS = Path(__file__).parent / "fonts"
REGULAR, BOLD = FONTS / "AcademySans.ttf", FONTS / "AcademySans-Bold.ttf"
QR_SIZE = 45.0  # mm
#: From this many certificates on, the PDFs are rendered on every core (a pool costs ~0.1 s to start).
PARALLEL_FROM = 24
FAMILY = "AcademySans"


@dataclass(frozen=True)
class CertificateText:
    """What the printed certificate states."""

    name: str
    achievement: str
    description: str
    issuer: str
    organisation: str
    issued: datetime
    valid_until: datetime | None
    credential_id: str
    verify_url: str
    qr_url: str
    color: str = "#1d4e89"
    #: The language of the labels and dates (the credential's `inLanguage`).
    language: str = "en"

    def label(self, key: str, url: str = "") -> str:
        """The string `certificate.<key>` in the certificate's language (`{url}`: the verify page's)."""
        from academy.i18n import strings

        return strings.text(self.language, f"certificate.{key}", url=url)

    def date(self, moment: datetime) -> str:
        """`moment` as a long date of the certificate's language: "2 december 2026", "2. december 2026"."""
        from babel.core import UnknownLocaleError
        from babel.dates import format_date

        day = moment.astimezone(UTC).date()
        try:
            return format_date(day, format="long", locale=self.language)
        except (UnknownLocaleError, ValueError):
            return dates.long_date(moment)


@cache
def _cmap() -> frozenset[int]:
    from fontTools.ttLib import TTFont

    return frozenset(TTFont(REGULAR).getBestCmap())


def missing_characters(texts: Iterable[str]) -> list[str]:
    """Characters of `texts` the certificate font cannot draw (they print as boxes)."""
    cmap = _cmap()
    missing = {
        c
        for text in texts
        for c in text
        if ord(c) not in cmap and not unicodedata.category(c).startswith(("Z", "C", "M"))
    }
    return sorted(missing)


@cache
def needs_shaping(text: str) -> bool:
    """Whether `text` has right-to-left or combining characters that need HarfBuzz shaping to print correctly."""
    return any(unicodedata.bidirectional(c) in {"R", "AL", "AN"} or unicodedata.category(c) == "Mn" for c in text)


def _rgb(color: str) -> tuple[int, int, int]:
    value = color.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    try:
        return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
    except (ValueError, IndexError):
        return 29, 78, 137


class _Page(FPDF):
    def line_of(
        self,
        text: str,
        size: float,
        *,
        bold: bool = False,
        height: float | None = None,
        gap: float = 0,
        max_lines: int = 2,
    ) -> None:
        """One centred paragraph, wrapped, shrunk (then cut with "…") to `max_lines`, shaped when needed."""
        shaping = needs_shaping(text)
        if shaping:
            self.set_text_shaping(True)
        for scale in (1.0, 0.85, 0.7):
            self.set_font("AcademySans", "B" if bold else "", size * scale)
            lines = self._lines(text)
            if len(lines) <= max_lines:
                break
        else:
            text = " ".join(str(line) for line in lines[:max_lines])
            while text and len(self._lines(text + "…")) > max_lines:
                text = text[:-2]
            text = text.rstrip() + "…"
        line_height = (height or size * 0.5) * (self.font_size_pt / size)
        self.multi_cell(0, line_height, text, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if shaping:
            self.set_text_shaping(False)
        if gap:
            self.ln(gap)

    def _lines(self, text: str) -> list[str]:
        """How `text` would wrap across the page at the current font."""
        lines = self.multi_cell(0, 1, text, align="C", dry_run=True, output=MethodReturnValue.LINES)
        return [str(line) for line in lines] if isinstance(lines, list) else [text]


def render(text: CertificateText, qr: segno.QRCode) -> bytes:
    """The PDF bytes of one certificate."""
    pdf = _Page(orientation="L", unit="mm", format="A4")
    pdf.set_creation_date(text.issued)
    pdf.set_title(f"{text.achievement} — {text.name}")
    pdf.set_author(text.issuer)
    pdf.set_subject(text.label("heading"))
    pdf.set_lang(text.language)
    pdf.set_auto_page_break(False)
    pdf.set_margins(28, 24, 28)
    _add_font(pdf, "", REGULAR)
    _add_font(pdf, "B", BOLD)
    pdf.add_page()
    color = _rgb(text.color)

    pdf.set_draw_color(*color)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
    pdf.set_line_width(0.3)
    pdf.rect(13, 13, pdf.w - 26, pdf.h - 26)

    pdf.set_y(24)
    pdf.set_text_color(*color)
    pdf.line_of(text.organisation.upper(), 11, bold=True, gap=4, max_lines=1)
    pdf.line_of(text.label("heading"), 30, bold=True, height=14, gap=4, max_lines=1)
    pdf.set_text_color(60, 60, 60)
    pdf.line_of(text.label("certifies"), 12, gap=2)
    pdf.set_text_color(0, 0, 0)
    pdf.line_of(text.name, 26, bold=True, height=12, gap=2)
    pdf.set_text_color(60, 60, 60)
    pdf.line_of(text.label("earned"), 12, gap=2)
    pdf.set_text_color(*color)
    pdf.line_of(text.achievement, 18, bold=True, height=9, gap=2)
    pdf.set_text_color(60, 60, 60)
    left, right = pdf.l_margin, pdf.r_margin
    pdf.set_margins(left + 25, 24, right + 25)
    pdf.set_x(pdf.l_margin)
    pdf.line_of(text.description, 10.5, height=5, max_lines=4)
    pdf.set_margins(left, 24, right)

    top = pdf.h - 24 - QR_SIZE - 6
    pdf.set_text_color(0, 0, 0)
    rows = [
        (text.label("issued"), text.date(text.issued)),
        (text.label("valid_until"), text.date(text.valid_until) if text.valid_until else text.label("no_expiry")),
        (text.label("issuer"), text.issuer),
        (text.label("id"), text.credential_id),
    ]
    pdf.set_font("AcademySans", "B", 9.5)
    # The label column fits the longest label of the language ("Data di rilascio", "Certificaat-ID").
    column = max(30.0, max(pdf.get_string_width(label) for label, _ in rows) + 3)
    pdf.set_y(top + 4)
    for label, value in rows:
        pdf.set_x(pdf.l_margin)
        pdf.set_font("AcademySans", "B", 9.5)
        pdf.cell(column, 6, label)
        pdf.set_font("AcademySans", "", 9.5)
        shaping = needs_shaping(value)
        if shaping:
            pdf.set_text_shaping(True)
        pdf.cell(180 - column, 6, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if shaping:
            pdf.set_text_shaping(False)
    pdf.set_font("AcademySans", "", 8.5)
    pdf.set_text_color(60, 60, 60)
    pdf.set_x(pdf.l_margin)
    pdf.multi_cell(
        170,
        4.5,
        text.label("check", url=text.verify_url),
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )

    x, y = pdf.w - pdf.r_margin - QR_SIZE, top
    _draw_qr(pdf, qr, x, y, QR_SIZE)
    pdf.set_xy(x - 5, y + QR_SIZE + 0.5)
    pdf.set_font("AcademySans", "", 8)
    pdf.cell(QR_SIZE + 10, 4, text.label("scan"), align="C")
    return bytes(pdf.output())


def render_all(
    jobs: Sequence[tuple[CertificateText, segno.QRCode]], workers: int | None = None
) -> Generator[bytes, None, None]:
    """The PDF bytes of each (text, code), in order, each as soon as it is ready.

    A large batch is rendered by a pool of processes, one per core (rendering is pure CPU work
    and needs nothing but its text and code); the caller still writes every file itself, in
    order, so the issuer's crash-safe steps do not change. A small batch renders here.
    """
    workers = workers or _cores()
    if len(jobs) < PARALLEL_FROM or workers < 2:
        for text, code in jobs:
            yield render(text, code)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork: the workers start with this process's modules (and parsed fonts) already loaded.
    context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_die_with, initargs=(os.getpid(),))
    try:
        chunk = max(1, min(16, len(jobs) // (workers * 8)))
        yield from pool.map(_render_job, jobs, chunksize=chunk)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _die_with(parent: int) -> None:
    """Make a render worker end when the issuing process does, even when it is killed (SIGKILL).

    A killed run must leave nothing behind: no orphan holding the terminal or the pipes of
    whoever started it. Linux says so with PR_SET_PDEATHSIG; elsewhere the pool's own
    shutdown ends the workers when the run ends normally.
    """
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGKILL))  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)


def _render_job(job: tuple[CertificateText, segno.QRCode]) -> bytes:
    return render(*job)


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


@cache
def _parsed_font(path: Path, style: str) -> TTFFont:
    """The font as fpdf2 parses it (metrics, cmap, glyph ids): once per process, not once per certificate."""
    probe = FPDF()
    probe.add_font(FAMILY, style, str(path))
    font = probe.fonts[f"{FAMILY.lower()}{style}"]
    assert isinstance(font, TTFFont)  # a font file added, never one of the PDF core fonts
    return font


@cache
def _font_file(path: Path) -> bytes:
    return path.read_bytes()


def _add_font(pdf: FPDF, style: str, path: Path) -> None:
    """`pdf.add_font(FAMILY, style, path)` from the parsed font of this process.

    What a document changes of a font is fresh (its index, subset map, missing glyphs, the
    fontTools font that fpdf2 subsets in place on output); what it only reads is shared
    (metrics, cmap, glyph ids, glyph order). Should a future fpdf2 change that layout, the
    plain `add_font` is used instead.
    """
    template = _parsed_font(path, style)
    try:
        from fontTools.ttLib import TTFont

        font = copy.copy(template)
        font.i = len(pdf.fonts) + 1
        font.ttfont = TTFont(BytesIO(_font_file(path)), recalcTimestamp=False, lazy=True)
        font.ttfont.setGlyphOrder(list(template.ttfont.getGlyphOrder()))
        font.missing_glyphs = []
        font.biggest_size_pt = 0
        font.subset = SubsetMap(font)
    except (AttributeError, TypeError):  # pragma: no cover - a different fpdf2 internals layout
        pdf.add_font(FAMILY, style, str(path))
        return
    pdf.fonts[template.fontkey] = font


def _draw_qr(pdf: FPDF, qr: segno.QRCode, x: float, y: float, size: float) -> None:
    """Draw the code as filled rectangles (one per run of dark modules), with its quiet zone."""
    matrix = [list(row) for row in qr.matrix]
    border = 4
    module = size / (len(matrix) + 2 * border)
    pdf.set_fill_color(255, 255, 255)
    pdf.rect(x, y, size, size, style="F")
    pdf.set_fill_color(0, 0, 0)
    for r, row in enumerate(matrix):
        c = 0
        while c < len(row):
            if row[c]:
                start = c
                while c < len(row) and row[c]:
                    c += 1
                pdf.rect(
                    x + (border + start) * module,
                    y + (border + r) * module,
                    (c - start) * module,
                    module + 0.02,
                    style="F",
                )
            else:
                c += 1
