"""Progress bars for the long tasks (click's), drawn only when stderr is a terminal.

A bar sits on the terminal's last line of stderr; a result line printed while it runs
(`Progress.echo`) clears the bar, prints and flushes the line, then draws the bar again, so the
lines of a long run appear as they happen and never mix with the bar. Piped or redirected,
nothing of the bar is written: logs and CSV files stay clean.
"""

from __future__ import annotations

import sys
import time
from typing import Any, TextIO

import click

#: Below this many steps a task is quick: no bar.
MIN_STEPS = 2
#: Piped output is flushed at most this often (seconds), and when the task ends.
FLUSH_EVERY = 0.1


class Progress:
    """`progress(done, total)` advances the bar; `echo(line)` prints a result line above it."""

    def __init__(self, label: str, stream: TextIO | None = None) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.enabled = _isatty(self.stream)
        self._bar: Any = None
        self._flushed = 0.0
        #: Whether stdout / stderr are terminals (asked once: `isatty` is a system call).
        self._tty = {False: _isatty(sys.stdout), True: _isatty(sys.stderr)}

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total < MIN_STEPS:
            return
        if self._bar is None:
            self._bar = click.progressbar(length=total, label=self.label, file=self.stream, show_pos=True, width=30)
            self._bar.__enter__()
        self._bar.update(done - self._bar.pos)
        if done >= total:
            self.close()

    def echo(self, line: str, *, err: bool = False) -> None:
        """Print `line` (on stdout, or stderr) now, above the bar."""
        if self._bar is not None:
            self.stream.write("\r\033[K")
            self.stream.flush()
        out = sys.stderr if err else sys.stdout
        if self._bar is not None or self._tty[err]:
            click.echo(line, err=err)
            out.flush()
        else:
            # Piped (a log, `tee`, a test): a flush per line was a system call per certificate, as
            # long as a signature check. Lines go out with the first one printed FLUSH_EVERY after
            # the last flush (so at most one item late), and all of them when the task ends.
            out.write(line + "\n")
            now = time.monotonic()
            if now - self._flushed >= FLUSH_EVERY:
                out.flush()
                self._flushed = now
        if self._bar is not None:
            self._bar.render_progress()

    def close(self) -> None:
        for out in (sys.stdout, sys.stderr):
            out.flush()
        if self._bar is not None:
            bar, self._bar = self._bar, None
            bar.__exit__(None, None, None)

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
