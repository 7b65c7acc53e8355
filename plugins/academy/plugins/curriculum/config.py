"""Options of the `academy-curriculum` plugin."""

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config

from ...routes import ROUTES


class CurriculumConfig(Config):
    enabled = opt.Type(bool, default=True)
    """Generate the workshop pages; off leaves the curriculum out of the site."""

    nav_section = opt.Type(str, default=ROUTES.catalogue)
    """The nav entry whose section receives one sub-section per track."""

    trainer_edition = opt.Type(bool, default=True)
    """Publish the trainer edition (`/trainers/`), kept out of search and marked noindex."""

    templates_dir = opt.Optional(opt.Type(str))
    """Folder, relative to mkdocs.yml, whose templates override the built-in ones by name;
    default `<site_config_dir>/templates`."""
