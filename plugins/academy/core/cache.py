"""The checked project, kept between runs and reused while no source it was read from changed.

Reading and checking a curriculum is the largest part of what the academy adds to a build (a
sixth of plain Material's whole build at every size, issue #17), and the same sources are read
again and again: `academy validate` and then the build, a build per language, a `serve` rebuild
after an edit to a stylesheet. `load_project_cached` keys the result by everything it depends on:
the bytes of every text file in the project's folders (content, curriculum, quizzes, sandbox,
site_config, the issuer's folder) and mkdocs.yml, the size and time of every other file there
(links and video checks look at those only for their presence and head), the academy's own code
and the Python that runs it. Any change is a miss and a full load; nothing is reused in part.

Where: `$ACADEMY_CACHE_DIR`, else `$XDG_CACHE_HOME/mkdocs-academy`, else `~/.cache/mkdocs-academy`,
outside the project, so that no pull request can plant an entry (an entry is a pickle: loading one
runs code). The folder is the user's own (0700), each entry too (0600); an entry that another user
owns or others can write is not read. One entry per project folder; the eight most recent folders
are kept. `ACADEMY_CACHE=0` turns the cache off. A damaged or unreadable entry is a miss.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from .layout import MKDOCS_FILE, Layout, read_layout

if TYPE_CHECKING:
    from .project import Project

#: Files whose bytes the checks read (the rest only for presence, size or a header).
TEXT_SUFFIXES = frozenset({".md", ".yml", ".yaml", ".json", ".html", ".j2", ".txt", ".vtt", ".srt", ".css", ".js"})
#: Project folders whose entries are kept (the most recently used).
KEEP = 8
#: Bumped when an entry's layout changes in a way the code hash would not show.
FORMAT = 1


def cache_dir() -> Path | None:
    """Where entries are kept, or None when `ACADEMY_CACHE=0` turns the cache off."""
    if os.environ.get("ACADEMY_CACHE", "1").strip().lower() in {"0", "off", "false", "no"}:
        return None
    explicit = os.environ.get("ACADEMY_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "mkdocs-academy"


def load_project_cached(
    root: Path,
    layout: Layout | None = None,
    progress: Callable[[int, int], None] | None = None,
    load: Callable[..., Project] | None = None,
) -> Project:
    """`load_project(root, layout, progress)`, or the same project from the cache when none of its
    sources changed since it was kept (`progress` is then never called)."""
    from .project import load_project

    load = load or load_project
    root = root.resolve()
    layout = layout or read_layout(root)
    folder = cache_dir()
    if folder is None:
        return load(root, layout, progress)
    entry = folder / f"{hashlib.blake2b(str(root).encode(), digest_size=12).hexdigest()}.pickle"
    key = source_key(root, layout)
    cached = _read(entry, key)
    if cached is not None:
        return cached
    project = load(root, layout, progress)
    _write(folder, entry, key, project)
    return project


def source_key(root: Path, layout: Layout) -> bytes:
    """A digest of everything `load_project(root, layout)` reads (see the module docstring)."""
    digest = hashlib.blake2b(digest_size=32)
    digest.update(f"{FORMAT}\0{_code_key()}\0{root}\0{layout!r}\0".encode())
    folders = [layout.content, layout.curriculum, layout.quizzes, layout.sandbox, layout.site_config, layout.issuer]
    for name in dict.fromkeys(folders):  # issuer is inside site_config by default
        top = root / name
        digest.update(f"folder\0{name}\0{top.is_dir()}\0".encode())
        for path in _files(top):
            _add_file(digest, path, path.relative_to(top).as_posix())
    for name in (MKDOCS_FILE, layout.keys_file):
        path = root / name
        digest.update(f"file\0{name}\0".encode())
        if path.is_file():
            _add_file(digest, path, name)
    return digest.digest()


def _add_file(digest: hashlib.blake2b, path: Path, name: str) -> None:
    info = path.stat()
    digest.update(f"{name}\0{info.st_size}\0".encode())
    if path.suffix.lower() in TEXT_SUFFIXES:
        digest.update(path.read_bytes())
    else:
        digest.update(f"{info.st_mtime_ns}\0".encode())


def _files(top: Path) -> Iterator[Path]:
    """Every file below `top` in a stable order, through symbolic links as `Path.rglob` goes, once
    each (a link back up the tree is not followed again)."""
    if not top.is_dir():
        return
    seen: set[str] = set()
    for folder, dirs, names in os.walk(top, followlinks=True):
        real = os.path.realpath(folder)
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        dirs.sort()
        for name in sorted(names):
            path = Path(folder, name)
            if path.is_file():
                yield path


@functools.cache
def _code_key() -> str:
    return package_key(Path(__file__).resolve().parent.parent)


def package_key(package: Path) -> str:
    """The academy's own files (size and time: an edit to its code, strings, schemas or built-in
    templates is a miss) and the runtime."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{sys.version}\0{yaml.__version__}\0{pickle.HIGHEST_PROTOCOL}\0".encode())
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            info = path.stat()
            digest.update(f"{path.relative_to(package)}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def _read(entry: Path, key: bytes) -> Project | None:
    """The project kept in `entry` for `key`; None when there is none, it is stale or damaged, or
    it is not safe to load (not this user's own, or writable by others)."""
    try:
        with entry.open("rb") as file:
            info = os.fstat(file.fileno())
            if info.st_uid != os.getuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
                return None
            if file.read(len(key)) != key:
                return None
            project = pickle.load(file)
    except FileNotFoundError:
        return None
    except Exception:  # noqa: BLE001 - a damaged or old entry is a miss; the full load follows
        return None
    with contextlib.suppress(OSError):
        os.utime(entry)  # recently used: kept by the pruning
    from .project import Project

    return project if isinstance(project, Project) else None


def _write(folder: Path, entry: Path, key: bytes, project: Project) -> None:
    """Keep `project` under `key`, atomically (a kill leaves the old entry or the new one, never
    half of one); a cache that cannot be written is no cache, never a failed build."""
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if folder.stat().st_uid != os.getuid():
            return
        os.chmod(folder, 0o700)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".entry-", suffix=".tmp")  # 0600
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(key)
                pickle.dump(project, file, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, entry)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
        _prune(folder)
    except (OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return


def _prune(folder: Path) -> None:
    """Keep the `KEEP` most recently used entries (tests and benchmarks make many project folders)."""
    entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    # A run killed while writing leaves its temporary file: gone after an hour (a write takes less).
    stale = [p for p in folder.glob(".entry-*.tmp") if time.time() - p.stat().st_mtime > 3600]
    for old in [*entries[KEEP:], *stale]:
        with contextlib.suppress(OSError):
            old.unlink()
