"""Issuing: from hub-scored certificate requests or a workshop roster, re-issues, and the issuing transaction."""
