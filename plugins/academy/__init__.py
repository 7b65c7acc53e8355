"""mkdocs-academy: social-media guidelines and training curriculum as one static site."""

__version__ = "0.1.0"
