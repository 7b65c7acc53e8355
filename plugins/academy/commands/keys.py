"""`academy keys generate | rotate | list`: the issuer's Ed25519 signing keys."""

from __future__ import annotations

from academy.credentials import cli as logic

from .base import command, group, run

keys = group(
    "keys",
    "Make, rotate or list the issuer's signing keys (private keys stay on this machine, owner-only).",
    ("academy keys generate", "academy keys rotate", "academy keys list"),
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


for action in (generate, rotate, listing):
    keys.add_command(action)
