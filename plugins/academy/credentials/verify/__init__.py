"""Verification: every step from format to status, with a verdict, and the JSON Schema a credential must meet."""
