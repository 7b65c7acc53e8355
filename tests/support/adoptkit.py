"""What the adoption tests share: an adopter writing the exam questions a scaffold left to write."""

from __future__ import annotations

import re
from pathlib import Path

from academy.core.skeleton import PLACEHOLDER_PROMPT

#: The placeholder lines of a scaffolded exam bank and what a trainer writes instead (by question).
_REAL = {
    "The right answer, said briefly": "Ask the team before posting",
    "A wrong answer as long as the right one": "Post first, ask the team later",
    "Another plausible wrong answer": "Never ask the team anything",
}


def write_bank_questions(path: Path) -> None:
    """Replace every placeholder of the scaffolded bank at `path` with real, distinct text."""
    text = path.read_text(encoding="utf-8")
    assert PLACEHOLDER_PROMPT.format(number=1) in text, f"{path} holds no placeholder to replace"
    text = re.sub(
        r"prompt: Write exam question (\d+) here[^\n]*",
        lambda m: f"prompt: In situation {m.group(1)} of {path.stem}, you are unsure about a post. What do you do?",
        text,
    )
    for placeholder, real in _REAL.items():
        text = text.replace(f"- text: {placeholder}", f"- text: {real}")
    text = text.replace(
        "explanation: Why the right answer is right (used in the hub's item analysis).",
        "explanation: The guide says to ask the team when in doubt.",
    )
    path.write_text(text, encoding="utf-8")
