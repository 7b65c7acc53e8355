"""The one lazy script loader, and the interface strings each feature's script reads.

Each feature's small loader is `assets/lazy-loader.js` with its own settings; its strings file
is `assets/i18n.js` with the feature's strings in the language of the build (`strings_script`).

`assets/lazy-loader.js` is the source (linted and readable); `lazy_loader` gives the copy a
plugin serves on every page, compacted, with the feature's settings in place of the `{}` the
source ends with (what each setting does is in the script's header).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..i18n import strings
from .compact import compact

SOURCE = Path(__file__).parent / "assets" / "lazy-loader.js"
STRINGS_SOURCE = Path(__file__).parent / "assets" / "i18n.js"
#: What the source ends with: the settings argument, replaced by each copy's own.
_SETTINGS = "})({});"


def lazy_loader(**settings: Any) -> str:
    """The loader script for one feature (`file`, `selector`, `script`, `fail`, optionally `ready`,
    `style`, `strings`, `init`: see assets/lazy-loader.js)."""
    return _with_settings(SOURCE, settings)


def strings_script(feature: str, language: str, site_config: Path | None = None) -> str:
    """`<feature>-strings.js`: the strings of section `<feature>.script` in `language` (English where
    the language lacks one; the project's own `<site_config>/strings/<language>.yml` over both) and
    the `academyI18n` helper that reads them (assets/i18n.js)."""
    found = strings.section(language, f"{feature}.script", site_config)
    return _with_settings(STRINGS_SOURCE, {"feature": feature, "language": language, "strings": found})


def _with_settings(path: Path, settings: dict[str, Any]) -> str:
    source = compact(path.read_text(encoding="utf-8")).rstrip()
    assert source.endswith(_SETTINGS), f"{path.name} must end with `}})({{}});`"
    arguments = json.dumps(settings, ensure_ascii=False, separators=(",", ":"))
    return source[: -len(_SETTINGS)] + f"}})({arguments});\n"
