"""The ledger side of issuing: what a batch reserves (rows, status indexes), adopts from dead runs, and checks.

Step 1 of `Issuer.issue` runs in one ledger transaction: for each award either the certificate
the person already holds, or a new row committed as `pending` with its status index drawn and
its signed JSON. Step 3 marks the rows issued (`Transaction.mark_issued`). The functions here
take the open transaction; the files in between are `render.py`'s and the undo `rollback.py`'s.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from .. import dates
from ..crypto.canonical import loads
from ..documents import ob3, statuslist
from ..documents.profile import IssuerKey
from ..store.ledger import PENDING, Entry, Transaction
from ..store.runs import DeadRun, Runs
from .awards import Award, IssueError
from .signing import signed_credential, valid_until

if TYPE_CHECKING:
    from academy.core.site import SiteConfig


@dataclass
class Recovery:
    """What a run found of the runs that died before it, and what it did about it."""

    finished: list[Entry] = field(default_factory=list)  # pending rows completed
    rolled_back: list[Entry] = field(default_factory=list)  # pending rows removed (no signing key here)
    temporary: list[Path] = field(default_factory=list)  # temporary files removed

    def __bool__(self) -> bool:
        return bool(self.finished or self.rolled_back or self.temporary)

    def lines(self) -> list[str]:
        """What happened, for the screen."""
        said = []
        if self.finished:
            said.append(f"finished {len(self.finished)} certificate(s) an interrupted run had reserved")
        if self.rolled_back:
            ids = ", ".join(e.id for e in self.rolled_back)
            said.append(
                f"rolled back {len(self.rolled_back)} certificate(s) of an interrupted run whose signing key "
                f"is not on this machine: {ids}"
            )
        if self.temporary:
            said.append(f"removed {len(self.temporary)} temporary file(s) an interrupted run left")
        return said


def held(txn: Transaction, award: Award, current: Entry | None, now: datetime) -> Entry | None:
    """The certificate the award already gave: the person's current one while it holds, or one from the same source."""
    if current is not None and current.status(now) in ("active", "not-yet-valid", PENDING):
        return current
    return txn.by_source(award.source_key)


def refuse_if_pending(current: Entry | None, email: str) -> None:
    """A re-issue must wait for another run still issuing the certificate it would replace."""
    if current is not None and current.state == PENDING:
        raise IssueError(
            [f"{current.id} of {email} is still being issued by another run — try again when it has finished"]
        )


def reserve(
    txn: Transaction,
    award: Award,
    email: str,
    site: SiteConfig,
    key: IssuerKey,
    private: Ed25519PrivateKey,
    run_id: str,
    now: datetime,
    achievement: ob3.Achievement | None = None,
) -> Entry:
    """A new pending row of `run_id` for `award`: its status index drawn, its credential signed by `key`
    (stating `achievement`, the rule in the learner's language; the ledger keeps the rule's source title)."""
    source_key = award.source_key
    if txn.by_source(source_key) is not None:
        source_key = f"{source_key}#reissue:{uuid.uuid4()}"
    list_url = statuslist.list_url(site.url)
    credential_id = f"urn:uuid:{uuid.uuid4()}"
    index = txn.allocate(list_url, statuslist.MIN_BITS, credential_id)
    credential = signed_credential(site, award, credential_id, (list_url, index), key, private, now, achievement)
    until = valid_until(award, now)
    return Entry(
        id=credential_id,
        certificate=award.rule.id,
        title=award.rule.title,
        name=award.recipient.name,
        email=email,
        issued=dates.to_text(now),
        valid_from=dates.to_text(now),
        valid_until=dates.to_text(until) if until else None,
        status_list=list_url,
        status_index=index,
        key_id=key.id,
        source=award.source,
        source_key=source_key,
        revoked=None,
        revoke_reason=None,
        credential=json.dumps(credential, ensure_ascii=False),
        state=PENDING,
        run=run_id,
    )


def adopt_dead(
    txn: Transaction, runs: Runs, dead: dict[str, DeadRun], run_id: str
) -> list[tuple[Entry, DeadRun | None]]:
    """Hand the pending rows of runs that died to `run_id`: each row with the dead run that reserved it (if known)."""
    orphans = {
        e.id: dead.get(e.run or "")
        for e in txn.pending()
        if e.run != run_id and (e.run in dead or runs.dead(e.run))
    }
    owners = {e.run for e in txn.pending() if e.id in orphans}
    return [(entry, orphans[entry.id]) for entry in txn.adopt(owners, run_id)]


def whole(json_path: Path, pdf_path: Path, entry: Entry) -> bool:
    """Whether both files of `entry` are there and the JSON is the ledger's (files only appear whole)."""
    try:
        return pdf_path.is_file() and loads(json_path.read_text(encoding="utf-8")) == json.loads(entry.credential)
    except (OSError, ValueError):
        return False
