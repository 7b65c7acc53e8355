"""Options of the `academy-video` plugin."""

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class VideoConfig(Config):
    enabled = opt.Type(bool, default=True)
    """Render ```video blocks; off leaves them as code blocks."""

    transcript_open = opt.Type(bool, default=False)
    """Show transcripts expanded; closed, they are one click away and still in the page and in search."""
