"""Options of the `academy` plugin."""

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class ProjectConfig(Config):
    """The `academy` entry of mkdocs.yml's `plugins`; every folder is relative to mkdocs.yml."""

    enabled = opt.Type(bool, default=True)
    """Read, validate and publish the academy's sources; off builds plain Material."""

    curriculum_dir = opt.Type(str, default="curriculum")
    """Folder of modules, tracks and certificate rules, relative to mkdocs.yml."""

    quizzes_dir = opt.Type(str, default="quizzes")
    """Folder of quiz files, relative to mkdocs.yml."""

    site_config_dir = opt.Type(str, default="site_config")
    """Folder of brand, issuer profile and theme overrides, relative to mkdocs.yml."""

    cache = opt.Type(bool, default=True)
    """Reuse the checked project while none of its sources changed (`academy.core.cache`: kept
    in the user's cache folder, never in the project); off reads and checks every source each build."""
