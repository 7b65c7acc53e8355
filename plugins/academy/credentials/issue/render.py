"""Rendering a signed credential into what a learner receives: its JSON, a PDF with the verify QR code, baked badges.

Nothing here writes a file or touches the ledger: `certificate_files` hands each certificate's
files, as bytes, to the issuer's writing step, which writes them atomically in order.
"""

from __future__ import annotations

import json
from collections.abc import Generator, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import segno
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ... import routes
from .. import dates
from ..crypto.canonical import dumps
from ..crypto.proof import proofs_of
from ..documents import baking, ob3, pdf, qr, statuslist
from ..documents import summary as summaries
from .awards import Issued

if TYPE_CHECKING:
    from academy.core.site import SiteConfig


@dataclass
class Work:
    """The files of one certificate to write (new, adopted from a dead run, or missing on disk), and its signer."""

    issued: Issued
    private: Ed25519PrivateKey


def summary_of(credential: Mapping[str, Any]) -> summaries.Summary:
    """The QR summary of a signed credential."""
    proof = proofs_of(credential)[0]
    url, index = statuslist.read_entry(credential["credentialStatus"])
    number = summaries.list_number(url)
    if number is None:
        raise ValueError(f"the status list {url} is not …/{routes.STATUS_FOLDER}/revocation-N.json")
    valid_from = dates.parse(credential["validFrom"])
    issued = dates.parse(proof["created"])
    assert valid_from is not None and issued is not None
    return summaries.Summary(
        key_number=int(proof["verificationMethod"].rsplit("#key-", 1)[1]),
        credential_uuid=str(credential["id"]).removeprefix("urn:uuid:"),
        list_number=number,
        index=index,
        valid_from=valid_from,
        valid_until=dates.parse(credential.get("validUntil")),
        issued=issued,
        name=ob3.holder_name(credential) or "",
        achievement=ob3.achievement_name(credential) or "",
    )


def qr_link(credential: Mapping[str, Any], site: SiteConfig, private: Ed25519PrivateKey) -> tuple[str, segno.QRCode]:
    """The verify link (QR payload) of a credential and its QR code."""
    return qr.link(site.verify_url, summary_of(credential), site.issuer.id, private)


def certificate_text(credential: Mapping[str, Any], site: SiteConfig, link: str) -> pdf.CertificateText:
    """What the PDF of `credential` says, with `link` behind its QR code."""
    issued, until = dates.parse(credential["validFrom"]), dates.parse(credential.get("validUntil"))
    assert issued is not None
    achievement = credential["credentialSubject"]["achievement"]
    return pdf.CertificateText(
        name=ob3.holder_name(credential) or "",
        achievement=achievement["name"],
        description=achievement["description"],
        issuer=site.issuer.name,
        organisation=site.organisation,
        issued=issued,
        valid_until=until,
        credential_id=credential["id"],
        verify_url=site.verify_url,
        qr_url=link,
        color=site.colors.get("primary", "#1d4e89"),
        # The labels follow the credential's texts: written again from the ledger, a PDF keeps its language.
        language=ob3.achievement_language(credential) or "en",
    )


def certificate_files(
    work: Sequence[Work], site: SiteConfig, root: Path, badges: str = baking.BADGE_FOLDER
) -> Generator[tuple[Issued, list[tuple[Path, bytes]]], None, None]:
    """Each certificate of `work` with its files (path, bytes): the JSON, the PDF, the baked badges.

    The PDFs are rendered ahead (on every core for a large batch, `pdf.render_all`) while the
    caller writes the files of the certificates before; close this generator (`closing`) on
    failure so that the render pool stops at once. A PDF whose font lacks a character of the
    holder's name adds a warning to its `Issued`.
    """
    credentials = [json.loads(item.issued.entry.credential) for item in work]
    jobs = [_pdf_job(item.issued, c, site, item.private) for item, c in zip(work, credentials, strict=True)]
    with closing(_rendered(jobs)) as pdfs:
        for item, credential, rendered in zip(work, credentials, pdfs, strict=True):
            yield item.issued, _files(item.issued, credential, rendered, root, badges)


def _pdf_job(
    issued: Issued, credential: Mapping[str, Any], site: SiteConfig, private: Ed25519PrivateKey
) -> tuple[pdf.CertificateText, segno.QRCode]:
    link, code = qr_link(credential, site, private)
    text = certificate_text(credential, site, link)
    missing = pdf.missing_characters([text.name, text.achievement, text.description, text.issuer])
    if missing:
        issued.warnings.append(
            f"the PDF of {credential['id']} shows boxes for {''.join(missing)} (not in the font); "
            "the credential itself is correct"
        )
    return text, code


def _rendered(jobs: Sequence[tuple[pdf.CertificateText, segno.QRCode]]) -> Generator[bytes, None, None]:
    """`pdf.render_all(jobs)` as a generator: closing it closes the renderer (and stops its pool)."""
    yield from pdf.render_all(jobs)


def _files(
    issued: Issued, credential: Mapping[str, Any], rendered: bytes, root: Path, badges: str
) -> list[tuple[Path, bytes]]:
    """The files of one certificate, in the order they are written."""
    text = dumps(credential)
    files = [(issued.json_path, text.encode("utf-8")), (issued.pdf_path, rendered)]
    # Baked badges (Open Badges 3.0 baking): the signed credential inside the achievement's image.
    baked = baking.baked_images(root, credential, text, badges)
    files += [(issued.json_path.with_suffix(suffix), image) for suffix, image in baked.items()]
    return files

