"""Runs of the issuer: a lock each, so that the next run can tell a run that died from one still going.

Every command that writes certificates is a *run* with a random id. It holds an exclusive
`flock` on its lock file, `<ledger>.runs/<id>.lock`, for as long as it lives: the kernel
releases the lock when the process ends in any way, SIGKILL and power loss included. A run
whose lock can be taken is therefore dead, and what it left (pending ledger rows, temporary
files tagged with its id) can be finished or removed without disturbing a live issuer.

The lock file also records where the run wrote certificates (`--out`), so that its leftovers
are found there. POSIX only (`fcntl`); elsewhere every run counts as alive and nothing is swept.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

from .files import remove_quietly

#: `.NAME.run-ID.xxxx.tmp`, as `files.write_temp(…, tag=run.tag)` names them.
_TAGGED = re.compile(r"^\..+\.run-(?P<run>[0-9a-f]{16})\.[A-Za-z0-9_]+\.tmp$")
_UNTAGGED = re.compile(r"^\..+\.tmp$")
#: Untagged temporary files (from versions before runs) older than this are left-overs.
STALE_SECONDS = 3600.0


@dataclass(frozen=True)
class Run:
    """A live run: its id, and the tag of its temporary files."""

    id: str
    out_dir: Path

    @property
    def tag(self) -> str:
        return f"run-{self.id}"


@dataclass(frozen=True)
class DeadRun:
    """A run that ended without finishing: where it wrote."""

    id: str
    out_dir: Path | None


class Runs:
    """The runs of one ledger, in the folder `<ledger>.runs/` beside it."""

    def __init__(self, ledger_path: Path) -> None:
        self.folder = ledger_path.with_name(ledger_path.name + ".runs")

    def _lock_path(self, run_id: str) -> Path:
        return self.folder / f"{run_id}.lock"

    @contextmanager
    def start(self, out_dir: Path) -> Iterator[Run]:
        """A new run for the length of the `with` block."""
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        run = Run(secrets.token_hex(8), out_dir)
        path = self._lock_path(run.id)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            info = {"pid": os.getpid(), "out": str(out_dir), "started": time.time()}
            os.write(fd, json.dumps(info).encode("utf-8"))
            yield run
        finally:
            remove_quietly(path)  # unlinked while still locked: no one can mistake it for a dead run
            os.close(fd)

    def dead(self, run_id: str | None, *, remove: bool = True) -> DeadRun | None:
        """The run `run_id` if it has ended, else None; `remove` deletes its lock file. `None` ids are dead."""
        if run_id is None:
            return DeadRun("", None)
        path = self._lock_path(run_id)
        try:
            fd = os.open(path, os.O_RDWR)
        except FileNotFoundError:
            return DeadRun(run_id, None)
        except OSError:
            return None
        try:
            if fcntl is None:
                return None
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                return None  # held: the run is alive
            out = None
            with contextlib.suppress(OSError, ValueError, TypeError, KeyError):
                out = Path(json.loads(os.pread(fd, 4096, 0).decode("utf-8"))["out"])
            if remove:
                remove_quietly(path)
            return DeadRun(run_id, out)
        finally:
            os.close(fd)

    def dead_runs(self, *, remove: bool = True) -> list[DeadRun]:
        """Every run that left its lock file behind and has ended."""
        if not self.folder.is_dir():
            return []
        found = (self.dead(p.stem, remove=remove) for p in sorted(self.folder.glob("*.lock")))
        return [run for run in found if run is not None]


    def alive(self, run_id: str) -> bool:
        return self.dead(run_id, remove=False) is None


def sweep(
    folders: Iterable[Path], alive: Callable[[str], bool], now: float | None = None, *, remove: bool = True
) -> list[Path]:
    """Remove the temporary files in `folders` of every run that is not `alive`; returns them.

    Tagged files of a live run are kept; untagged ones only once they are `STALE_SECONDS` old.
    With `remove=False` they are only listed."""
    verdicts: dict[str, bool] = {}
    now = time.time() if now is None else now
    removed: list[Path] = []
    for folder in dict.fromkeys(folders):
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            tagged = _TAGGED.match(path.name)
            if tagged:
                run = tagged["run"]
                if verdicts.setdefault(run, alive(run)):
                    continue
            elif not _UNTAGGED.match(path.name):
                continue
            else:
                with contextlib.suppress(OSError):
                    if now - path.stat().st_mtime < STALE_SECONDS:
                        continue
            if remove:
                remove_quietly(path)
            removed.append(path)
    return removed
