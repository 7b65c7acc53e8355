"""The `academy` command's entry point (`academy.cli:main`); the commands live in `academy.commands`."""

from __future__ import annotations

import sys

from .commands import main

__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())
