"""The one undo of every issuing command: what a run changed, put back when it fails.

A run (issue, revoke, publish the status lists, finish a dead run, rewrite files) records each
file it replaces and each pending ledger row it reserves in an `Undo`. Inside
`with undo.on_failure():` any failure the process sees — an exception, Ctrl-C — removes the
files it created and its temporary files, restores the files it replaced, drops its pending
rows, and re-raises. A run that dies instead is finished or rolled back by the next one
(`runs.py`, `Issuer._recover`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..store.files import remove_quietly, write_atomic, write_temp
from ..store.ledger import Ledger, LedgerError
from ..store.runs import Run


class Undo:
    """The files a run wrote and the pending rows it reserved, so that a failure can put them back."""

    def __init__(self, run: Run, ledger: Ledger) -> None:
        self.run = run
        self.ledger = ledger
        self.temporary: list[Path] = []
        self.created: list[Path] = []
        self.replaced: list[tuple[Path, bytes]] = []
        #: Ids of the rows this run committed as pending (step 1 of issuing).
        self.pending: list[str] = []

    def write(self, path: Path, data: bytes, mode: int, *, restore: bool = False) -> None:
        """Replace `path` atomically (temporary file, fsync, `os.replace`), remembering how to undo it.

        `restore` keeps the old bytes to write back (status lists); otherwise a file that
        existed is left as it is on failure (a certificate's files are the ledger's anyway)."""
        old = path.read_bytes() if restore and path.exists() else None
        existed = path.exists()
        temp = write_temp(path, data, mode, tag=self.run.tag)
        self.temporary.append(temp)
        os.replace(temp, path)
        self.temporary.remove(temp)
        if old is not None:
            self.replaced.append((path, old))
        elif not existed:
            self.created.append(path)

    def undo(self) -> None:
        """Put back every file written and drop the pending rows.

        Dropping needs the ledger: if that fails too, the rows stay pending for the next run,
        which finishes or rolls them back."""
        remove_quietly(*self.temporary, *self.created)
        for path, old in reversed(self.replaced):
            write_atomic(path, old, 0o644)
        self.temporary, self.created, self.replaced = [], [], []
        pending, self.pending = self.pending, []
        if not pending:
            return
        try:
            with self.ledger.transaction() as txn:
                txn.discard(pending)
        except LedgerError:
            pass

    @contextmanager
    def on_failure(self) -> Iterator[Undo]:
        """On any failure inside the block: `undo()`, then re-raise."""
        try:
            yield self
        except BaseException:
            self.undo()
            raise
