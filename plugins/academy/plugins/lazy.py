"""The one lazy script loader: each feature's small loader is this script with its own settings.

`assets/lazy-loader.js` is the source (linted and readable); `lazy_loader` gives the copy a
plugin serves on every page, compacted, with the feature's settings in place of the `{}` the
source ends with (what each setting does is in the script's header).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .compact import compact

SOURCE = Path(__file__).parent / "assets" / "lazy-loader.js"
#: What the source ends with: the settings argument, replaced by each copy's own.
_SETTINGS = "})({});"


def lazy_loader(**settings: Any) -> str:
    """The loader script for one feature (`file`, `selector`, `script`, `fail`, optionally `ready`,
    `style`, `init`: see assets/lazy-loader.js)."""
    source = compact(SOURCE.read_text(encoding="utf-8"))
    assert source.rstrip().endswith(_SETTINGS), "lazy-loader.js must end with `})({});`"
    arguments = json.dumps(settings, ensure_ascii=False, separators=(",", ":"))
    return source.rstrip()[: -len(_SETTINGS)] + f"}})({arguments});\n"
