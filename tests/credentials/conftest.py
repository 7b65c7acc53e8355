"""Fixtures of the certificate tests (defined in certkit.py)."""

from support.certkit import keyed, project

__all__ = ["keyed", "project"]
