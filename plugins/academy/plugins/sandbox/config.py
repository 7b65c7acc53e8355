"""Options of the `academy-sandbox` plugin."""

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config

#: Shown on every practice thread: what a thread is worth.
NOTICE = (
    "Practice only: what you write stays in this browser and is never sent anywhere. "
    "It counts as practice in your progress, never towards a certificate."
)


class SandboxConfig(Config):
    enabled = opt.Type(bool, default=True)
    """Render `<!-- academy:thread ID -->` markers and the sandbox page; off leaves the markers as they are."""

    notice = opt.Type(str, default=NOTICE)
    """The line at the top of each practice thread that says what it is worth."""

    page_title = opt.Type(str, default="Practice sandbox")
    """The title of the page that lists every thread (`sandbox/`)."""
