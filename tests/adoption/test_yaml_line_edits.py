"""The line-based YAML edits of the scaffold and remove commands keep comments, order and layout,
and the result reads back as the intended list."""

from __future__ import annotations

import pytest
import yaml

from academy.core.yaml_lines import EditError, append_item, front_matter_end, list_items, remove_item, set_scalar

BLOCK = """# yaml-language-server: $schema=x
id: basics   # the id
modules:     # in learning order
  - alpha
  # beta is next
  - beta     # the second
  - gamma
certificate: basics-certificate
"""


def test_block_list_remove_and_append_keep_comments() -> None:
    removed = remove_item(BLOCK, "modules", "beta")
    assert yaml.safe_load(removed)["modules"] == ["alpha", "gamma"]
    assert "# beta is next" in removed and "modules:     # in learning order" in removed
    assert removed.endswith("certificate: basics-certificate\n")
    appended = append_item(removed, "modules", "delta")
    assert yaml.safe_load(appended)["modules"] == ["alpha", "gamma", "delta"]
    assert "  - gamma\n  - delta\ncertificate:" in appended


def test_flow_list_keeps_its_style_and_comment() -> None:
    text = "prerequisites: [alpha, beta]  # take these first\nquiz: x\n"
    assert remove_item(text, "prerequisites", "alpha") == "prerequisites: [beta]  # take these first\nquiz: x\n"
    emptied = remove_item(remove_item(text, "prerequisites", "alpha"), "prerequisites", "beta")
    assert emptied.startswith("prerequisites: []  # take these first\n")
    assert append_item(emptied, "prerequisites", "gamma").startswith("prerequisites: [gamma]  #")


def test_an_emptied_block_list_becomes_flow_and_other_keys_are_not_touched() -> None:
    text = "a:\n  - x\nb:\n  - x\n"
    assert remove_item(text, "a", "x") == "a: []\nb:\n  - x\n"
    assert list_items(text, "b") == ["x"]


def test_set_scalar_on_a_nested_key_and_front_matter_bounds() -> None:
    rule = "exam:   # the assessment\n  draw: 6   # per learner\n  max_attempts: 3\n"
    assert set_scalar(rule, "draw", "3", indent="  ") == "exam:   # the assessment\n  draw: 3   # per learner\n  max_attempts: 3\n"
    with pytest.raises(EditError):
        set_scalar(rule, "nope", "1", indent="  ")
    page = "---\nid: m\nprerequisites: [a]\n---\n\nprerequisites: [a] in the body stays\n"
    end = front_matter_end(page)
    assert end == 3
    assert remove_item(page, "prerequisites", "a", 1, end).endswith("prerequisites: [a] in the body stays\n")
