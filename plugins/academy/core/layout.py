"""Where a project's sources live, as its mkdocs.yml says: one answer for the build and the CLI.

The build takes the folders from the plugins' options (`academy`: `curriculum_dir`, `quizzes_dir`,
`site_config_dir`; `academy-certificates`: `issuer_dir`). The `academy` commands read the same
options from mkdocs.yml with `read_layout`, so a renamed folder is found by both, never assumed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

MKDOCS_FILE = "mkdocs.yml"
#: The plugin options that name folders, by plugin and option: (Layout field, option).
_OPTIONS = {
    "academy": (("curriculum", "curriculum_dir"), ("quizzes", "quizzes_dir"), ("site_config", "site_config_dir")),
    "academy-certificates": (("issuer_dir", "issuer_dir"),),
}


@dataclass(frozen=True)
class Layout:
    """Where the sources live, relative to the project root."""

    content: str = "content"
    curriculum: str = "curriculum"
    quizzes: str = "quizzes"
    sandbox: str = "sandbox"
    site_config: str = "site_config"
    #: The certificates plugin's `issuer_dir`; None: `<site_config>/issuer`.
    issuer_dir: str | None = None

    @property
    def site_file(self) -> str:
        """The site settings and issuer profile (`core/site.py` reads them)."""
        return f"{self.site_config}/site.yml"

    @property
    def assets(self) -> str:
        """Logo and favicon named in site.yml, which the project plugin publishes."""
        return f"{self.site_config}/assets"

    @property
    def badges(self) -> str:
        """Badge images per certificate rule (`credentials/documents/baking.py`)."""
        return f"{self.site_config}/badges"

    @property
    def templates(self) -> str:
        """Overrides of the curriculum plugin's page templates (its `templates_dir` default)."""
        return f"{self.site_config}/templates"

    @property
    def issuer(self) -> str:
        """The issuer's public data the CLI writes and the certificates plugin publishes."""
        return self.issuer_dir or f"{self.site_config}/issuer"

    @property
    def keys_file(self) -> str:
        """The issuer's public keys (`academy keys`), published in its controller document."""
        return f"{self.issuer}/keys.json"

    @property
    def status_dir(self) -> str:
        """The signed revocation lists (`academy issue`/`revoke`), published below `certificates/status/`."""
        return f"{self.issuer}/status"


class _Tolerant(yaml.SafeLoader):
    """Reads mkdocs.yml without constructing its tags (`!ENV`, `!!python/name:`): only MkDocs can."""


_Tolerant.add_multi_constructor("", lambda loader, suffix, node: None)
_Tolerant.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_layout(root: Path) -> Layout:
    """The layout mkdocs.yml at `root` configures (defaults for what it leaves out, or without one).

    Follows what MkDocs does with the same file: `docs_dir` relative to it, plugin options given
    as `- name: {option: value}` or `name: {…}`.
    """
    try:
        data = yaml.load((root / MKDOCS_FILE).read_text(encoding="utf-8"), Loader=_Tolerant)  # noqa: S506 - safe loader
    except (OSError, yaml.YAMLError):
        return Layout()  # MkDocs reports an unreadable configuration itself
    if not isinstance(data, dict):
        return Layout()
    found: dict[str, Any] = {}
    docs_dir = data.get("docs_dir")
    if isinstance(docs_dir, str) and docs_dir:
        found["content"] = _relative(root, docs_dir)
    for name, options in _plugin_options(data.get("plugins")).items():
        for field_name, option in _OPTIONS.get(name, ()):
            value = options.get(option)
            if isinstance(value, str) and value:
                found[field_name] = value
    return Layout(**found)


def _plugin_options(plugins: object) -> dict[str, dict[str, Any]]:
    """Each plugin's options, from the list or the mapping form of `plugins:`."""
    entries: list[tuple[object, object]] = []
    if isinstance(plugins, dict):
        entries = list(plugins.items())
    elif isinstance(plugins, list):
        for item in plugins:
            if isinstance(item, dict):
                entries += list(item.items())
            else:
                entries.append((item, None))
    return {str(name): options if isinstance(options, dict) else {} for name, options in entries}


def _relative(root: Path, folder: str) -> str:
    path = Path(folder)
    if not path.is_absolute():
        return path.as_posix()
    resolved = path.resolve()
    return resolved.relative_to(root.resolve()).as_posix() if resolved.is_relative_to(root.resolve()) else folder
