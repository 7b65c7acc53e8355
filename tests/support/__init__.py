"""What the tests share and the product does not ship: the harness (commands run as a user runs
them, a loopback server), the certificate kits and the verdict cases. Importable from every test
as `support.…` (pytest puts tests/ on sys.path: `pythonpath` in pyproject.toml)."""
