"""Options of the `academy-guidelines` plugin."""

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class GuidelinesConfig(Config):
    enabled = opt.Type(bool, default=True)
    """Add the guide's version, cross-references, the changes page and the print version."""

    search_boost = opt.Type((int, float), default=4.0)
    """Search boost of guideline pages, so a term from a section finds the section first (at 2, a
    workshop with the section's name still came first; tests/browser/test_search.py checks)."""

    print_page = opt.Type(bool, default=True)
    """Publish the whole guide as one print-friendly page at /guidelines/print/."""
