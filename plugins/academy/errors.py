"""The one base of every error the academy reports to a user.

Every exception the project raises for something a user can fix (a refused issuance, an
unreadable keys file, a malformed credential…) subclasses `AcademyError`, so the two places
that meet users catch one type: the command line (`academy.commands.main`: its message on
stderr, exit 1) and the MkDocs plugins (`academy.plugins.errors`: a `PluginError` in a strict
build, a warning otherwise). Anything else reaching them is a bug (exit 3, or MkDocs' traceback).

Nothing here imports MkDocs: the core and `credentials` raise these errors too.
"""

from __future__ import annotations

from collections.abc import Sequence


class AcademyError(Exception):
    """Base of every error the academy reports to a user (CLI exit 1, PluginError in strict builds)."""

    #: One line per problem when the error carries several (`IssueError`, `RequestError` set it);
    #: empty when the message is the one problem.
    problems: Sequence[str] = ()

    def lines(self) -> list[str]:
        """What to tell the user, one line per problem (each: where, what is wrong, how to fix it)."""
        return [str(problem) for problem in self.problems] if self.problems else [str(self)]
