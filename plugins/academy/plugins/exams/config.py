"""Options of the `academy-exams` plugin."""

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class ExamsConfig(Config):
    enabled = opt.Type(bool, default=True)
    """Publish a page per certificate rule (`certificates/ID/`), its exam file and the exam script."""

    hub_email = opt.Optional(opt.Type(str))
    """Where learners send certificate requests; default: the issuer's e-mail in site_config/site.yml."""

    index = opt.Type(bool, default=True)
    """Publish the list of certificates at `certificates/`."""
