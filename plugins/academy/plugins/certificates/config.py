"""Options of the `academy-certificates` plugin."""

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class CertificatesConfig(Config):
    enabled = opt.Type(bool, default=True)
    """Publish the verify page, the issuer profile and the revocation status lists."""

    issuer_dir = opt.Optional(opt.Type(str))
    """Folder, relative to mkdocs.yml, of the public issuer data the `academy` CLI writes (keys,
    status lists); default `<site_config_dir>/issuer`. The CLI reads it from mkdocs.yml too."""
