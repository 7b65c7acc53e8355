"""WCAG contrast of the brand colours, and the nearest shade of a colour that is readable."""

from __future__ import annotations

#: Material's page background in the dark scheme (`slate`: hsl(225, 15%, 14%)).
SLATE_BG = "#1e2129"
WHITE = "#ffffff"
#: WCAG 2 AA for normal text.
AA = 4.5


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(max(0, min(255, c))):02x}" for c in rgb)


def luminance(colour: str) -> float:
    """Relative luminance, as WCAG 2 defines it."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """The contrast ratio of two colours, from 1 to 21."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable(colour: str, against: str, minimum: float = AA) -> str:
    """`colour`, or the least changed shade of it (mixed towards black or white, away from
    `against`) whose contrast with `against` reaches `minimum`."""
    if contrast(colour, against) >= minimum:
        return colour
    toward = (0, 0, 0) if luminance(against) > 0.18 else (255, 255, 255)
    base = _rgb(colour)
    for step in range(1, 101):
        t = step / 100
        shade = _hex(tuple(c + (d - c) * t for c, d in zip(base, toward, strict=True)))  # type: ignore[arg-type]
        if contrast(shade, against) >= minimum:
            return shade
    return _hex(toward)
