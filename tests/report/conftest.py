"""Fixtures of the report tests: the certificate tests' scratch project (tests/support/certkit.py)."""

from support.certkit import keyed, project

__all__ = ["keyed", "project"]
