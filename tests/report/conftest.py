"""Fixtures of the report tests: the certificate tests' scratch project (tests/credentials/certkit.py)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "credentials"))

from certkit import keyed, project  # noqa: E402

__all__ = ["keyed", "project"]
