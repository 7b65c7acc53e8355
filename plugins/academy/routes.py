"""Every path the academy publishes on the site, and its URL: one owner per route.

The plugins write their pages and files at these paths, the CLI, issuance and verification build
the URLs certificates carry from them, and the page scripts get them from the attributes the
plugins write (never spelled in JS). Adding a route is one edit here.

Paths are MkDocs `src_uri`s (`workshops/index.md`, `assets/academy/quiz.js`), relative to the
site root. A `Routes` carries a `prefix` for the pages of one language (`"nl/"`, later); the
default, `""`, is the English site at the root. The issuer's data (profile, keys, status lists,
badge images) is one per issuer, whatever the language: it never takes the prefix, because
certificates already issued point to it.

Imports nothing from MkDocs: the core and the credentials use it as well as the plugins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

#: The page-meta key with which a module page (written by the curriculum plugin's `module.md.j2`)
#: names its module; read by the curriculum and quiz plugins. A content page may set it too.
MODULE_META = "academy_module"

#: Issuer data below the site root (never prefixed: certificates point to it).
ISSUER_PROFILE = "issuer/profile.json"
_CERTIFICATES = "certificates"
_STATUS = "status"
STATUS_FOLDER = f"{_CERTIFICATES}/{_STATUS}"
#: Certificate ids whose page (`certificates/<id>/`) would land on the status lists' folder.
RESERVED_CERTIFICATE_IDS = frozenset({_STATUS})
_STATUS_NAME = "revocation-{number}.json"
_BEFORE, _AFTER = _STATUS_NAME.split("{number}")
_STATUS_LIST = re.compile(re.escape(f"{STATUS_FOLDER}/{_BEFORE}") + r"([1-9][0-9]{0,2})" + re.escape(_AFTER) + "$")

#: Files the plugins write for the page scripts (shared by every language).
ASSETS = "assets/academy"
BRAND = "assets/brand"


def page_url(src: str) -> str:
    """The URL of page `src` below the site root, with MkDocs' directory URLs: `verify.md` → `verify/`,
    `workshops/index.md` → `workshops/`, `index.md` → `` (the root)."""
    stem = src.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


def issuer_id(site_url: str) -> str:
    """The issuer id: its controller document, published by the certificates plugin."""
    return f"{site_url}{ISSUER_PROFILE}"


def status_list(number: int = 1) -> str:
    """The revocation status list `number` (issued by `academy issue`, published by the certificates
    plugin from `<issuer_dir>/status/`)."""
    return f"{STATUS_FOLDER}/{status_list_name(number)}"


def status_list_name(number: int = 1) -> str:
    """The file name of status list `number`, in `<issuer_dir>/status/` and on the site alike."""
    return _STATUS_NAME.format(number=number)


def status_list_url(site_url: str, number: int = 1) -> str:
    """The URL a credential's `credentialStatus` names; the QR summary carries only `number`."""
    return f"{site_url}{status_list(number)}"


def status_list_template(site_url: str) -> str:
    """`status_list_url` with `*` for the number: the verify page gives it to verifier.js, which
    fills in the number a QR summary carries."""
    return f"{site_url}{STATUS_FOLDER}/{_STATUS_NAME.format(number='*')}"


def status_folder_url(site_url: str) -> str:
    """Every status list is below this URL: verifiers refuse a list anywhere else."""
    return f"{site_url}{STATUS_FOLDER}/"


def status_list_number(url: str) -> int | None:
    """N of a `…/certificates/status/revocation-N.json` URL, 1 to 255 (None for any other URL)."""
    match = _STATUS_LIST.search(url)
    return int(match.group(1)) if match and int(match.group(1)) < 256 else None


def badge_image(rule_id: str, suffix: str) -> str:
    """The badge image (`suffix` `.png` or `.svg`) of certificate rule `rule_id`: credentials'
    achievement `image` points here."""
    return f"{_CERTIFICATES}/{rule_id}/badge{suffix}"


def asset(name: str) -> str:
    """A page script, style or data file the plugins write (`quiz.js`, `quizzes/ID.json`)."""
    return f"{ASSETS}/{name}"


def brand(name: str) -> str:
    """A brand file (logo, favicon, `brand.css`) the project plugin copies from `<site_config>/assets/`."""
    return f"{BRAND}/{name}"


@dataclass(frozen=True)
class Routes:
    """The pages of one site: `prefix` `""` for the English root, `"nl/"` for a language's (later)."""

    prefix: str = ""

    def _page(self, path: str) -> str:
        return f"{self.prefix}{path}"

    def url(self, site_url: str, src: str) -> str:
        """The absolute URL of page `src` (one of this object's paths)."""
        return f"{site_url}{page_url(src)}"

    # Curriculum plugin ----------------------------------------------------------------------

    @property
    def catalogue(self) -> str:
        """The workshop catalogue (curriculum plugin); a link target in content and nav."""
        return self._page("workshops/index.md")

    def module(self, module_id: str) -> str:
        """A module's page (curriculum plugin, `module.md.j2`); quizzes and exams link to it."""
        return self._page(f"workshops/{module_id}.md")

    @property
    def tracks(self) -> str:
        """The learning paths and prerequisite map (curriculum plugin)."""
        return self._page("tracks/index.md")

    def track(self, track_id: str) -> str:
        """A track's page (curriculum plugin)."""
        return self._page(f"tracks/{track_id}.md")

    @property
    def trainers(self) -> str:
        """The trainer hub (curriculum plugin)."""
        return self._page("trainers/index.md")

    def trainer(self, module_id: str) -> str:
        """A module's trainer edition (curriculum plugin, not in the nav)."""
        return self._page(f"trainers/{module_id}.md")

    @property
    def progress(self) -> str:
        """The learner's progress page (curriculum plugin; academy.js fills it in the browser)."""
        return self._page("progress.md")

    # Guidelines plugin ----------------------------------------------------------------------

    def guideline(self, name: str) -> str:
        """A guideline page of `content/guidelines/` (`PAGE` of a `PAGE#anchor` reference)."""
        return self._page(f"guidelines/{name}.md")

    @property
    def changes(self) -> str:
        """What changed in the guidelines, from the changelog (guidelines plugin)."""
        return self.guideline("changes")

    @property
    def print(self) -> str:
        """Every guideline on one page, for printing (guidelines plugin)."""
        return self.guideline("print")

    # Certificates and exams plugins ---------------------------------------------------------

    @property
    def verify(self) -> str:
        """The verify page (certificates plugin); a certificate's QR code links to its URL."""
        return self._page("verify.md")

    def verify_url(self, site_url: str) -> str:
        """What a QR code links to (`<verify url>#s=…`); the verifiers refuse a link for another site."""
        return self.url(site_url, self.verify)

    @property
    def certificates(self) -> str:
        """The certificates and their certification assessments (exams plugin)."""
        return self._page(f"{_CERTIFICATES}/index.md")

    def certificate(self, certificate_id: str) -> str:
        """A certificate's assessment page (exams plugin)."""
        return self._page(f"{_CERTIFICATES}/{certificate_id}.md")

    # Sandbox plugin -------------------------------------------------------------------------

    @property
    def sandbox(self) -> str:
        """The practice sandbox's index (sandbox plugin)."""
        return self._page("sandbox/index.md")

    # Every page -----------------------------------------------------------------------------

    def generated_pages(
        self, modules: Iterable[str], tracks: Iterable[str], certificates: Iterable[str]
    ) -> set[str]:
        """The pages the plugins add, as `src_uri`s a Markdown link may target."""
        pages = {self.catalogue, self.tracks, self.trainers, self.progress, self.verify}
        pages |= {self.changes, self.print, self.certificates, self.sandbox}
        for module_id in modules:
            pages |= {self.module(module_id), self.trainer(module_id)}
        pages |= {self.track(t) for t in tracks}
        pages |= {self.certificate(c) for c in certificates}
        return pages


#: The English site at the root: the only one until per-language builds land.
ROUTES = Routes()
