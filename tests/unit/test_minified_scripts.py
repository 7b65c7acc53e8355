"""The minified copies of the page scripts (academy.plugins.minify) are the same program as their
sources: Node parses both with espree (ESLint's parser, in node_modules) and compares the syntax
trees, positions and raw spellings left out; only the spacing may differ."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from academy.plugins.compact import compact
from academy.plugins.minify import SCRIPTS, minified
from support.harness import IN_CI, ROOT

NODE = shutil.which("node")
ESPREE = ROOT / "node_modules" / "espree"
#: Reads the two scripts' paths from argv; prints "same" or the first differing part of the trees.
COMPARE = """
const espree = require(process.argv[1]);
const fs = require("fs");
const drop = new Set(["start", "end", "loc", "range", "raw"]);
const tree = (path) => JSON.stringify(espree.parse(fs.readFileSync(path, "utf8"), { ecmaVersion: 2022 }),
  (key, value) => (drop.has(key) ? undefined : value));
const [a, b] = [tree(process.argv[2]), tree(process.argv[3])];
let i = 0;
while (i < a.length && a[i] === b[i]) i += 1;
console.log(a === b ? "same" : a.slice(Math.max(0, i - 80), i + 80) + "\\n" + b.slice(Math.max(0, i - 80), i + 80));
"""


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_a_minified_script_is_its_source(script: Path, tmp_path: Path) -> None:
    if NODE is None or not ESPREE.is_dir():
        message = "node and node_modules/espree are needed (make setup installs ESLint, which brings espree)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    source, served = tmp_path / "source.js", tmp_path / "served.js"
    source.write_text(script.read_text(encoding="utf-8"), encoding="utf-8")
    served.write_text(minified(script), encoding="utf-8")
    assert len(served.read_text(encoding="utf-8")) < len(compact(script.read_text(encoding="utf-8")))
    result = subprocess.run(
        [NODE, "-e", COMPARE, str(ESPREE), str(source), str(served)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "same", f"{script.name}: the minified copy parses differently:\n{result.stdout}"
