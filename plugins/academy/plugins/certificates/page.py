"""Markdown of the verify page: a form that works on the static site, with no server."""

from __future__ import annotations

from html import escape

from ... import routes
from ...core.site import SiteConfig

#: What the file chooser offers: credentials, and badge images with a baked credential.
ACCEPT = ".json,.png,.svg,application/json,application/vc+ld+json,application/ld+json,image/png,image/svg+xml"


def verify_page(site: SiteConfig, profile: str, status: str) -> str:
    """`profile` is the issuer profile's URL relative to the page; `status` the status-list folder's (ending in /).

    verifier.js (loaded by verify.js) reads the attributes of `[data-verify]`: `data-issuer` (the only
    issuer it accepts), `data-site-url`, the published addresses from `academy.routes` (`data-verify-url`,
    which a QR link must start with; `data-status-base`, below which every status list must be;
    `data-status-list`, a list's URL with `*` for its number), and where this site serves the profile
    and the lists, relative to the page, so that a preview or a mirror checks against the files it serves.
    """
    published = (
        f'data-verify-url="{escape(site.verify_url)}" data-status-base="{escape(routes.status_folder_url(site.url))}"'
        f' data-status-list="{escape(routes.status_list_template(site.url))}"'
    )
    return f"""---
title: Verify a certificate
description: Check that a certificate of {escape(site.organisation)} is genuine, unaltered and not revoked.
search:
  exclude: true
hide:
  - toc
---

# Verify a certificate

Check that a certificate is genuine, unaltered, current and not revoked. Everything happens in
this browser: the certificate is not sent anywhere. Open the link of the QR code on a certificate,
or paste or drop the certificate file (`.json`) or its badge image (`.png`, `.svg`) below.

<div class="academy-verify" data-verify data-issuer="{escape(site.issuer.id)}" data-site-url="{escape(site.url)}"
  data-profile="{escape(profile)}" data-status="{escape(status)}"
  {published}>
<form class="academy-verify-form" data-verify-form>
<label for="academy-credential">Certificate file contents, or the link of its QR code</label>
<textarea id="academy-credential" name="credential" rows="8" spellcheck="false" autocomplete="off"
  aria-describedby="academy-credential-hint"
  placeholder='{{"@context": ["https://www.w3.org/ns/credentials/v2", …'></textarea>
<p id="academy-credential-hint" class="academy-verify-hint">Paste the contents of the <code>.json</code> file,
or a link that starts with <code>{escape(site.verify_url)}#s=</code>.</p>
<div class="academy-verify-drop" data-verify-drop>
<label class="md-button academy-verify-choose">Choose a file
<input type="file" accept="{ACCEPT}" data-verify-file></label>
<span>or drop the file here</span>
</div>
<button type="submit" class="md-button md-button--primary">Verify</button>
</form>
<div class="academy-verify-result" data-verify-result tabindex="-1" aria-live="polite"></div>
</div>

<noscript><p>Verification runs in your browser and needs JavaScript. Issuers can also run
<code>academy verify FILE</code>.</p></noscript>

## What is checked

1. **Format**: the file is an Open Badges 3.0 credential (or a badge image with one baked in), or
   the link holds a signed summary of one.
2. **Signature**: the `eddsa-jcs-2022` Data Integrity proof (Ed25519) matches every signed field,
   so nothing was changed after issuance. Certificates also carry an `eddsa-rdfc-2022` proof, for
   Open Badges validators; this page names it as not checked, and `academy verify` checks both.
3. **Issuer key**: the signing key is published by {escape(site.issuer.name)} and was in use when the
   certificate was signed.
4. **Dates**: the certificate is already valid and not expired.
5. **Revocation status**: the issuer's signed revocation list does not list it.

The verdict is one of *Valid*, *Revoked*, *Expired*, *Not yet valid*, *Tampered*, *Issued by
someone else*, *Uses a proof this verifier does not support*, *Not a certificate* or *Cannot
check*; the first check that fails decides it. Issuers get the same verdict from
`academy verify FILE`. A valid certificate offers *Add to LinkedIn profile*.

No personal data is published on this site: the certificate names its holder, and only the
holder's copy does.
"""
