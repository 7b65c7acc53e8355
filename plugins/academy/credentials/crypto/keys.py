"""The issuer's Ed25519 key pairs.

Private keys: `.academy/keys/key-N.pem` under the project root (PKCS#8 PEM; folder 0700, files
0600, git-ignored). Public keys: `site_config/issuer/keys.json` (see `profile`), which the site
publishes inside the issuer profile. `generate` makes the first key; `rotate` retires every
active key (its retirement time is published) and makes the next one; `revoke` marks a stolen
key compromised (nothing it signed verifies) and, when it was the active one, makes the next.
"""

from __future__ import annotations

import os
import stat
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    load_pem_private_key,
)

from academy.errors import AcademyError

from ...core.layout import Layout
from .. import dates
from ..documents.profile import IssuerKey, KeysFileError, load_keys
from ..store.files import PRIVATE, private_folder, remove_quietly, write_atomic
from .canonical import dumps
from .multikey import encode_public

#: With the default layout; a project that moves its `issuer_dir` has `Layout.keys_file`.
KEYS_FILE = Layout().keys_file
PRIVATE_KEYS = f"{PRIVATE}/keys"


class KeyStoreError(AcademyError):
    """A key operation that cannot go ahead; the message says why and what to do."""


class KeyStore:
    """The key pairs of the issuer `issuer_id` in the project at `root`; `keys_file` is where its
    public keys are, relative to `root` (the project's `Layout.keys_file`)."""

    def __init__(self, root: Path, issuer_id: str, keys_file: str = KEYS_FILE) -> None:
        self.root = root
        self.issuer_id = issuer_id
        self.public_path = root / keys_file
        self.private_dir = root / PRIVATE_KEYS

    def public_keys(self) -> list[IssuerKey]:
        try:
            return load_keys(self.public_path)
        except KeysFileError as error:
            raise KeyStoreError(str(error)) from error

    def private_path(self, key: IssuerKey) -> Path:
        return self.private_dir / f"key-{key.number}.pem"

    def generate(self, now: datetime | None = None) -> IssuerKey:
        """The issuer's first key; refuses when there is one already."""
        existing = self.public_keys()
        if existing:
            raise KeyStoreError(
                f"{self._show(self.public_path)} already has {len(existing)} key(s) — "
                "use `academy keys rotate` to replace the current key"
            )
        return self._create(1, now or dates.utcnow(), [])

    def rotate(self, now: datetime | None = None) -> tuple[list[IssuerKey], IssuerKey]:
        """Retire every active key as of `now` and make the next one: (retired keys, new key)."""
        now = now or dates.utcnow()
        existing = self.public_keys()
        if not existing:
            raise KeyStoreError("there is no key to rotate — run `academy keys generate` first")
        retired = [replace(k, retired=now) for k in existing if k.retired is None]
        kept = [k for k in existing if k.retired is not None] + retired
        return retired, self._create(max(k.number for k in existing) + 1, now, sorted(kept, key=lambda k: k.number))

    def revoke(self, name: str, now: datetime | None = None) -> tuple[IssuerKey, IssuerKey | None]:
        """Revoke the key `name` (`key-N`, `N` or its full id) as compromised: (revoked key, new key or None).

        Nothing it signed verifies any more. When it was the active key, the next key is made at
        once (as `rotate` does) so that the hub can re-issue: `academy reissue --key key-N`.
        """
        now = now or dates.utcnow()
        existing = self.public_keys()
        wanted = name.rsplit("#", 1)[-1]
        wanted = wanted if wanted.startswith("key-") else f"key-{wanted}"
        found = next((k for k in existing if k.id.rsplit("#", 1)[-1] == wanted), None)
        if found is None:
            known = ", ".join(k.id.rsplit("#", 1)[-1] for k in existing) or "none"
            raise KeyStoreError(
                f'no key "{name}" in {self._show(self.public_path)} (keys: {known}) — see `academy keys list`'
            )
        if found.revoked is not None:
            raise KeyStoreError(f"{found.id} was already revoked on {dates.to_text(found.revoked)}")
        revoked = replace(found, revoked=now, retired=found.retired or now)
        kept = sorted([revoked if k.id == found.id else k for k in existing], key=lambda k: k.number)
        if found.retired is None and not any(k.retired is None and k.id != found.id for k in existing):
            return revoked, self._create(max(k.number for k in existing) + 1, now, kept)
        write_atomic(self.public_path, dumps([k.to_json() for k in kept]).encode("utf-8"))
        return revoked, None

    def active(self) -> IssuerKey:
        """The key that signs now: the newest one not retired."""
        keys = [k for k in self.public_keys() if k.retired is None and k.revoked is None]
        if not keys:
            raise KeyStoreError(
                f"{self._show(self.public_path)} has no active key — run `academy keys generate` (first key) "
                "or `academy keys rotate`"
            )
        key = keys[-1]
        if key.controller != self.issuer_id:
            raise KeyStoreError(
                f'{self._show(self.public_path)}: {key.id} belongs to "{key.controller}" but the issuer is now '
                f'"{self.issuer_id}" (site url changed?) — restore the url in site_config/site.yml or run '
                "`academy keys rotate`"
            )
        return key

    def private_key(self, key: IssuerKey) -> Ed25519PrivateKey:
        """The private key of `key`, refused when its file is readable by others."""
        path = self.private_path(key)
        if not path.is_file():
            raise KeyStoreError(
                f"{self._show(path)}: the private key of {key.id} is missing on this machine — copy it from the "
                "machine that made it, or run `academy keys rotate` to make a new one"
            )
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            raise KeyStoreError(f"{self._show(path)}: readable by other users (mode {mode:o}) — run: chmod 600 {path}")
        try:
            loaded = load_pem_private_key(path.read_bytes(), password=None)
        except (ValueError, TypeError) as error:
            raise KeyStoreError(f"{self._show(path)}: not an unencrypted PEM private key ({error})") from error
        if not isinstance(loaded, Ed25519PrivateKey):
            raise KeyStoreError(f"{self._show(path)}: not an Ed25519 key")
        if encode_public(loaded.public_key()) != key.public_key_multibase:
            raise KeyStoreError(
                f"{self._show(path)}: does not match the public key {key.id} in {self._show(self.public_path)}"
            )
        return loaded

    def signing_key(self) -> tuple[IssuerKey, Ed25519PrivateKey]:
        key = self.active()
        return key, self.private_key(key)

    def _create(self, number: int, now: datetime, kept: list[IssuerKey]) -> IssuerKey:
        private = Ed25519PrivateKey.generate()
        key = IssuerKey(f"{self.issuer_id}#key-{number}", self.issuer_id, encode_public(private.public_key()), now)
        private_folder(self.private_dir)
        path = self.private_dir / f"key-{number}.pem"
        pem = private.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
        try:
            # O_EXCL: never overwrite a key; 0600 from the start, whatever the umask.
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError as error:
            raise KeyStoreError(
                f"{self._show(path)} exists but {self._show(self.public_path)} does not list it — move it away (it "
                "may be a key from another copy of the project) and try again"
            ) from error
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(pem)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(path, 0o600)
            entries = [k.to_json() for k in [*kept, key]]
            write_atomic(self.public_path, dumps(entries).encode("utf-8"))
        except BaseException:
            remove_quietly(path)
            raise
        return key

    def _show(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)
