"""`make build`: a strict build that replaces the site folder only when it succeeded.

MkDocs empties its site folder before it renders the first page, so a build that fails or is
killed half-way leaves a broken or empty site where the last good one was. This builds into a
temporary folder beside it and swaps the two only at the end; whatever happens before that,
the last good site stays where it was.

    python -m academy.safe_build [-f mkdocs.yml] [extra mkdocs build options]
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from types import FrameType

BUILDING, OLD = "building", "old"


def engine() -> str:
    """The engine that builds: `$ENGINE` (the Makefile exports it), MkDocs by default."""
    return os.environ.get("ENGINE", "").strip().lower() or "mkdocs"


def site_dir_of(config_file: Path) -> Path:
    """The `site_dir` of a MkDocs configuration, as MkDocs resolves it."""
    if engine() == "properdocs":
        import properdocs.replacement  # noqa: F401  (its `mkdocs.*` import alias, as `properdocs build` has)
    from mkdocs.config import load_config  # the configuration's own tags (!ENV, !!python/name) need it

    config = load_config(str(config_file))
    return Path(config.site_dir)


def _temporary(site: Path, kind: str, pid: int) -> Path:
    """A hidden folder beside `site`, on the same file system, so that renaming it is one step."""
    return site.with_name(f".{site.name}.{kind}-{pid}")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def recover(site: Path) -> None:
    """Clean up after a build that was killed: restore the last good site if it was moved aside
    and remove the folders of builds that are no longer running."""
    for leftover in sorted(site.parent.glob(f".{site.name}.*-*")):
        kind, _, pid = leftover.name[len(site.name) + 2 :].rpartition("-")
        if kind not in {BUILDING, OLD} or not pid.isdigit() or _alive(int(pid)) and int(pid) != os.getpid():
            continue
        if kind == OLD and not site.exists():
            leftover.rename(site)  # killed between the two renames of the swap
        else:
            shutil.rmtree(leftover, ignore_errors=True)


def swap_in(new: Path, site: Path) -> None:
    """Put `new` where `site` is; the old site is removed only once the new one is in place."""
    old = _temporary(site, OLD, os.getpid())
    if site.exists():
        site.rename(old)
    new.rename(site)
    shutil.rmtree(old, ignore_errors=True)


def build(config_file: Path, extra: Sequence[str] = ()) -> int:
    """Run `mkdocs build --strict` into a temporary folder; swap it in on success. Returns the exit code."""
    site = site_dir_of(config_file)
    recover(site)
    new = _temporary(site, BUILDING, os.getpid())
    shutil.rmtree(new, ignore_errors=True)

    def stop(signum: int, frame: FrameType | None) -> None:
        shutil.rmtree(new, ignore_errors=True)
        raise SystemExit(128 + signum)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        command = [sys.executable, "-m", engine(), "build", "--strict", "-f", str(config_file), "-d", str(new), *extra]
        result = subprocess.run(command, check=False)
        if result.returncode != 0:
            shutil.rmtree(new, ignore_errors=True)
            kept = "the last good site is still in place" if site.exists() else "no site was written"
            print(f"academy: the build failed; {kept} ({site})", file=sys.stderr)
            return result.returncode
        swap_in(new, site)
        print(f"academy: site built into {site}", file=sys.stderr)
        return 0
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m academy.safe_build", description=__doc__.splitlines()[0])
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    args, extra = parser.parse_known_args(argv)
    return build(args.config_file, extra)


if __name__ == "__main__":
    sys.exit(main())
