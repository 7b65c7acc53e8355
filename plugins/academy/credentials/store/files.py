"""Writing files so that nothing is ever half-written, and the issuer's private folder.

Everything private lives in `.academy/` under the project root: the folder is made owner-only
(0700) and holds a `.gitignore` of `*`, so git ignores it even without the project's own rule.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

PRIVATE = ".academy"


def private_folder(path: Path) -> Path:
    """Make `path` (and any missing parents) an owner-only folder; `.academy/` also ignores itself in git."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    for folder in (path, *path.parents):
        os.chmod(folder, 0o700)
        if folder.name == PRIVATE:
            ignore = folder / ".gitignore"
            if not ignore.exists():
                write_atomic(ignore, b"# Private issuer data: keys, the ledger, issued certificates.\n*\n", 0o600)
            break
        if PRIVATE not in folder.parts:
            break
    return path


def write_temp(path: Path, data: bytes, mode: int = 0o644, *, tag: str = "") -> Path:
    """Write `data` to a new temporary file beside `path` (fsynced); rename it with `os.replace` to publish.

    `tag` goes into the name (`.NAME.TAG.xxxx.tmp`): the issuer tags its run, so that the next
    run can tell the temporary files of a run that died from those of one still going."""
    path.parent.mkdir(parents=True, exist_ok=True)
    prefix = f".{path.name}.{tag}." if tag else f".{path.name}."
    fd, name = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(name, mode)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
    return Path(name)


def write_atomic(path: Path, data: bytes, mode: int = 0o644) -> None:
    """Replace `path` with `data` in one step: readers see the old file or the new one, never a part."""
    temp = write_temp(path, data, mode)
    try:
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def sync_folder(path: Path) -> None:
    """Flush a folder's entries (renames into it) to disk; a no-op where folders cannot be opened."""
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def remove_quietly(*paths: Path) -> None:
    for path in paths:
        with contextlib.suppress(OSError):
            os.unlink(path)
