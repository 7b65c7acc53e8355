"""Markdown of the verify page: a form that works on the static site, with no server."""

from __future__ import annotations

from html import escape

from ...core.site import SiteConfig


def verify_page(site: SiteConfig, profile: str) -> str:
    """`profile` is the issuer profile's URL relative to the page."""
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
or paste or drop the certificate file (`.json`) below.

<div class="academy-verify" data-verify data-issuer="{escape(site.issuer.id)}" data-site-url="{escape(site.url)}"
  data-profile="{escape(profile)}">
<form class="academy-verify-form" data-verify-form>
<label for="academy-credential">Certificate (JSON)</label>
<textarea id="academy-credential" name="credential" rows="8" spellcheck="false"
  placeholder='{{"@context": ["https://www.w3.org/ns/credentials/v2", …'></textarea>
<div class="academy-verify-drop" data-verify-drop>
<label class="md-button">Choose a file <input type="file" accept=".json,application/json,application/vc+ld+json" data-verify-file></label>
<span>or drop the file here</span>
</div>
<button type="submit" class="md-button md-button--primary">Verify</button>
</form>
<div class="academy-verify-result" data-verify-result tabindex="-1" aria-live="polite"></div>
</div>

<noscript><p>Verification runs in your browser and needs JavaScript. Issuers can also run
<code>academy verify FILE</code>.</p></noscript>

### What is checked

1. **Format**: the file is an Open Badges 3.0 credential.
2. **Signature**: the Data Integrity proof (`eddsa-jcs-2022`, Ed25519) matches every signed field,
   so nothing was changed after issuance.
3. **Issuer**: the signing key belongs to {escape(site.issuer.name)} and was in use on the day of issuance.
4. **Dates**: the certificate is already valid and not expired.
5. **Status**: the issuer's signed revocation list does not list it.

No personal data is published on this site: the certificate names its holder, and only the
holder's copy does.
"""
