"""`academy keys generate | rotate | list`: the issuer's Ed25519 signing keys."""

from __future__ import annotations

import click

from academy.credentials import cli as logic

from .base import command, group, run

keys = group(
    "keys",
    "Make, rotate, list or revoke the issuer's signing keys (private keys stay on this machine, owner-only).",
    ("academy keys generate", "academy keys rotate", "academy keys list", "academy keys revoke key-1 --compromised"),
)


@command("generate", "Make the issuer's first Ed25519 key.", ("academy keys generate",))
def generate() -> None:
    run(logic._keys_generate)


@command(
    "rotate",
    "Retire the current key (it stays published, so what it signed keeps verifying) and make a new one.",
    ("academy keys rotate",),
)
def rotate() -> None:
    run(logic._keys_rotate)


@command("list", "Show the issuer's keys, their state and whether the private key is here.", ("academy keys list",))
def listing() -> None:
    run(logic._keys_list)


@command(
    "revoke",
    "Revoke a stolen key: nothing it signed verifies once the site is rebuilt, and a new key is made. "
    "Then re-issue what it signed: academy reissue --key KEY.",
    ("academy keys revoke key-2 --compromised", "academy reissue --key key-2"),
)
@click.argument("key", metavar="KEY")
@click.option("--compromised", is_flag=True, required=True, help="Confirm that the key is compromised.")
def revoke(key: str, compromised: bool) -> None:
    if not compromised:
        raise click.UsageError("--compromised is required: confirm that the key is compromised")
    run(logic._keys_revoke, key=key, compromised=compromised)


for action in (generate, rotate, listing, revoke):
    keys.add_command(action)
