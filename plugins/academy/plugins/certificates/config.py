"""Options of the `academy-certificates` plugin."""

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class CertificatesConfig(Config):
    enabled = opt.Type(bool, default=True)
    """Publish the verify page, the issuer profile and the revocation status lists."""

    issuer_dir = opt.Type(str, default="site_config/issuer")
    """Folder, relative to mkdocs.yml, of the public issuer data the `academy` CLI writes."""
