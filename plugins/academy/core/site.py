"""The organisation's site settings and issuer profile from `site_config/site.yml`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .. import routes
from . import schema
from .layout import Layout
from .problems import Problems
from .source import Node, load_yaml

#: With the default layout; a project that renames its `site_config_dir` has `Layout.site_file`.
SITE_FILE = Layout().site_file


@dataclass(frozen=True)
class Issuer:
    """The organisation that signs certificates."""

    id: str
    name: str
    url: str
    email: str
    description: str = ""


@dataclass(frozen=True)
class ReportSettings:
    """The hub's programme report (`report:` in site.yml): data-protection settings."""

    #: Department breakdowns hide groups of fewer people than this.
    min_group_size: int = 5
    #: Stored certificate requests older than this many months are removed (None: kept).
    request_retention_months: int | None = None


@dataclass(frozen=True)
class SiteConfig:
    """Brand and addresses of the site."""

    name: str
    organisation: str
    url: str
    issuer: Issuer
    description: str = ""
    repo_url: str | None = None
    #: Show the repository's stars and forks: the browser then calls the host's API (GitHub's).
    repo_facts: bool = False
    #: No request outside the site's own address (checked by `core/intranet.py`).
    intranet: bool = False
    edit_branch: str = "main"
    logo: str | None = None
    favicon: str | None = None
    colors: dict[str, str] = field(default_factory=dict)
    language: str = "en"
    # `languages:` (every language of the site) has one reader: academy.i18n.languages.load_languages.
    #: What the interface calls the central team that scores exams and issues certificates.
    hub_name: str = "the hub"
    report: ReportSettings = field(default_factory=ReportSettings)
    #: Days a signed revocation list stays valid (its `validUntil`); verifiers refuse an older one.
    status_validity_days: int = 30

    @property
    def verify_url(self) -> str:
        return routes.ROUTES.verify_url(self.url)

    @property
    def status_list_url(self) -> str:
        return routes.status_list_url(self.url)


def load_site(root: Path, problems: Problems, layout: Layout | None = None) -> SiteConfig | None:
    """Read `<site_config>/site.yml`; None (with problems recorded) when it is unusable.

    `layout`: where the project keeps it (default: the default layout, `site_config/`)."""
    layout = layout or Layout()
    path = root / layout.site_file
    if not path.is_file():
        problems.add(path, 1, "site settings are missing", f"create {layout.site_file} (see CONTRIBUTING.md)")
        return None
    data = load_yaml(path, problems)
    if not isinstance(data, Node):
        if data is not None:
            problems.add(path, 1, "site settings must be a set of 'field: value' lines", "see CONTRIBUTING.md")
        return None
    if not schema.check(data, "site", path, problems):
        return None
    url = data["url"]
    issuer = data["issuer"]
    for key in ("logo", "favicon"):
        if key in data and not (root / layout.assets / data[key]).is_file():
            problems.add(
                path,
                data.line_of(key),
                f'{key} file "{data[key]}" not found in {layout.assets}/',
                "put the file there or fix the name",
            )
    return SiteConfig(
        name=data["name"],
        organisation=data["organisation"],
        url=url,
        description=data.get("description", ""),
        repo_url=data.get("repo_url"),
        repo_facts=data.get("repo_facts", False),
        intranet=data.get("intranet", False),
        edit_branch=data.get("edit_branch", "main"),
        logo=data.get("logo"),
        favicon=data.get("favicon"),
        colors=dict(data.get("colors", {})),
        language=data.get("language", "en"),
        hub_name=data.get("hub_name", "the hub"),
        report=ReportSettings(
            min_group_size=data.get("report", {}).get("min_group_size", 5),
            request_retention_months=data.get("report", {}).get("request_retention_months"),
        ),
        status_validity_days=data.get("status_validity_days", 30),
        issuer=Issuer(
            id=routes.issuer_id(url),
            name=issuer["name"],
            url=issuer["url"],
            email=issuer["email"],
            description=issuer.get("description", ""),
        ),
    )
