"""Options of the `academy-sandbox` plugin."""

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class SandboxConfig(Config):
    enabled = opt.Type(bool, default=True)
    """Render `<!-- academy:thread ID -->` markers and the sandbox page; off leaves the markers as they are."""

    notice = opt.Optional(opt.Type(str))
    """The line at the top of each practice thread that says what it is worth; default: the
    product's `sandbox.notice` in the build's language."""

    page_title = opt.Optional(opt.Type(str))
    """The title of the page that lists every thread (`sandbox/`); default: the product's
    `sandbox.page_title` in the build's language ("Practice sandbox")."""
