"""Who to remind before their certificate expires: a mail-merge CSV, or a table on a terminal.

The verify URL is the certificate's own link (the one in its QR code: the verify page with
the signed summary in the fragment), made again with the key that signed it when that
private key is here; otherwise the verify page itself, where the holder drops the .json.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .figures import Expiring

COLUMNS = ("name", "email", "department", "certificate", "certificate_id", "expires", "days_left", "verify_url")


@dataclass(frozen=True)
class Reminder:
    name: str
    email: str
    department: str
    certificate: str
    certificate_id: str
    expires: str
    days_left: int
    verify_url: str

    def row(self) -> tuple[str, ...]:
        return (
            self.name,
            self.email,
            self.department,
            self.certificate,
            self.certificate_id,
            self.expires,
            str(self.days_left),
            self.verify_url,
        )


def parse_within(text: str) -> int:
    """`60d`, `8w` or `60` as days; ValueError says how to write it."""
    value = text.strip().lower()
    factor = 7 if value.endswith("w") else 1
    digits = value.removesuffix("d").removesuffix("w")
    if not digits.isdigit() or int(digits) < 1:
        raise ValueError(f"--within {text}: write a number of days, e.g. 60d (or weeks: 8w)")
    return int(digits) * factor


class Links:
    """The verify link of a certificate, made with the private key that signed it when it is here."""

    def __init__(self, project: Any) -> None:
        self.site = project.site
        self._keys: dict[str, Any] = {}
        try:
            from academy.credentials.crypto.keys import KeyStore

            store = KeyStore(project.root, self.site.issuer.id, project.layout.keys_file)
            for key in store.public_keys():
                if store.private_path(key).is_file():
                    self._keys[key.id] = (store, key)
        except Exception:  # noqa: BLE001 — no key store: every link is the verify page
            self._keys = {}

    def __call__(self, credential_json: str) -> str:
        fallback = self.site.verify_url
        try:
            credential = json.loads(credential_json)
            proofs = credential["proof"] if isinstance(credential["proof"], list) else [credential["proof"]]
            found = self._keys.get(proofs[0]["verificationMethod"])
            if found is None:
                return fallback
            from academy.credentials.issue.issuer import qr_link

            store, key = found
            link, _ = qr_link(credential, self.site, store.private_key(key))
            return str(link)
        except Exception:  # noqa: BLE001 — an erased or unusual credential: the verify page still works
            return fallback


def reminders(found: Sequence[Expiring], links: Links) -> list[Reminder]:
    return [
        Reminder(
            e.certificate.name,
            e.certificate.email,
            e.certificate.group.department or "",
            e.certificate.title,
            e.certificate.id,
            e.certificate.valid_until.strftime("%Y-%m-%d") if e.certificate.valid_until else "",
            int(e.days_left),
            links(e.certificate.credential),
        )
        for e in found
        if not e.certificate.email.startswith("erased:")
    ]


def cell(value: str) -> str:
    """A CSV cell a spreadsheet shows as text: a leading =, +, -, @ is defused with a quote."""
    return f"'{value}" if value[:1] in {"=", "+", "-", "@", "\t", "\r"} else value


def to_csv(rows: Sequence[Reminder]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for r in rows:
        writer.writerow([cell(v) for v in r.row()])
    return buffer.getvalue()


def to_table(rows: Sequence[Reminder], within: int, now: datetime) -> str:
    """A readable table for a terminal (the verify link shortened to the page)."""
    head = ("expires", "days", "name", "e-mail", "department", "certificate")
    body = [(r.expires, str(r.days_left), r.name, r.email, r.department or "-", r.certificate) for r in rows]
    widths = [max(len(str(row[i])) for row in [head, *body]) for i in range(len(head))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in [head, *body]]
    lines.append(
        f"{len(rows)} certificate(s) expire within {within} days of {now.strftime('%Y-%m-%d')}. "
        "For a mail merge: --csv (or pipe the output) adds each certificate's verify link."
    )
    return "\n".join(lines) + "\n"
