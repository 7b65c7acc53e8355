"""Fixtures of the certificate tests (defined in certkit.py)."""

from certkit import keyed, project

__all__ = ["keyed", "project"]
