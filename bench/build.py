"""Build benchmarks (run by hand: `make bench`); prints a table, asserts nothing.

(a) the shipped site with the academy plugins vs the same Markdown with plain Material, in one run;
(b) synthetic curricula of 32, 320 and 1,000 modules: build time, peak memory, search index size;
(c) `academy validate` on the 1,000-module curriculum.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def measure(*command: str | Path, cwd: Path) -> tuple[float, float]:
    """Wall time in seconds and peak memory in MiB of one command, run in its own child process."""
    wrapper = (
        "import resource, subprocess, sys, time\n"
        "start = time.perf_counter()\n"
        "run = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)\n"
        "elapsed = time.perf_counter() - start\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(run.returncode, elapsed, peak)\n"
        "sys.stderr.write(run.stderr[-3000:] if run.returncode else '')\n"
    )
    env_command = [sys.executable, "-c", wrapper, *map(str, command)]
    result = subprocess.run(env_command, cwd=cwd, capture_output=True, text=True, env=_env())
    code, elapsed, peak = result.stdout.split()
    if int(code) != 0:
        raise SystemExit(f"{' '.join(map(str, command))} failed in {cwd}:\n{result.stderr}")
    return float(elapsed), float(peak)


def _env() -> dict[str, str]:
    import os

    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PATH": f"{BIN}:{os.environ.get('PATH', '')}"}


def best_of(runs: int, *command: str | Path, cwd: Path) -> tuple[float, float]:
    results = [measure(*command, cwd=cwd) for _ in range(runs)]
    return min(r[0] for r in results), max(r[1] for r in results)


#: Builds the shipped site once with a last plugin that writes each page's Markdown as the
#: academy plugins leave it (generated pages included), for plain Material to build the same pages.
_DUMP = """
import sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.plugins import BasePlugin, event_priority

class Dump(BasePlugin):
    @event_priority(-100)
    def on_page_markdown(self, markdown, /, *, page, config, files):
        target = Path(sys.argv[2]) / page.file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        front = "---\\nsearch:\\n  exclude: true\\n---\\n" if page.meta.get("search", {}).get("exclude") else ""
        target.write_text(front + markdown, encoding="utf-8")

config = load_config(sys.argv[1], site_dir=sys.argv[3])
config.plugins["bench-dump"] = Dump()
build(config)
"""


def plain_material_project(target: Path, scratch: Path) -> Path:
    """Every page of the shipped site as the academy plugins hand it to Markdown, as a plain
    Material project with the same theme settings and extensions: what is left is the plugins' cost."""
    docs = target / "docs"
    command = [sys.executable, "-c", _DUMP, str(ROOT / "mkdocs.yml"), str(docs), str(scratch)]
    subprocess.run(command, check=True, env=_env(), capture_output=True)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("docs_dir: content", "docs_dir: docs")
    drop = ("- academy", "custom_dir:")
    text = "\n".join(line for line in config.splitlines() if not line.strip().startswith(drop))
    text = text[: text.index("\nnav:")] + "\n"
    (target / "mkdocs.yml").write_text(text.replace("validation:", "validation_unused:"), encoding="utf-8")
    return target


def synthetic_project(target: Path, modules: int) -> Path:
    """The shipped project with its modules and quizzes cloned until there are `modules` of them."""
    for folder in ("content", "site_config"):
        shutil.copytree(ROOT / folder, target / folder)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    for folder in ("modules", "tracks", "certificates"):
        (target / "curriculum" / folder).mkdir(parents=True)
    (target / "quizzes").mkdir()
    sources = sorted((ROOT / "curriculum" / "modules").glob("*.md"))
    tracks: dict[str, list[str]] = {}
    # Links between lessons point at a clone that exists.
    clone = {src.stem: f"{sources[i % modules].stem}-{i % modules:04d}" for i, src in enumerate(sources)}
    link = re.compile(r"\]\(([\w-]+)\.md")
    for n in range(modules):
        source = sources[n % len(sources)]
        new_id = f"{source.stem}-{n:04d}"
        track = f"track-{n // 10:03d}"
        text = source.read_text(encoding="utf-8")
        meta, body = text.split("---\n", 2)[1:]
        body = link.sub(lambda m: f"]({clone.get(m.group(1), m.group(1))}.md", body)
        data = yaml.safe_load(meta)
        previous = tracks.get(track, [])
        data.update(id=new_id, track=track, quiz=new_id, prerequisites=previous[-1:], title=f"{data['title']} {n}")
        (target / "curriculum/modules" / f"{new_id}.md").write_text(
            "---\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True) + "---\n" + body, encoding="utf-8"
        )
        quiz = (ROOT / "quizzes" / f"{source.stem}.yml").read_text(encoding="utf-8")
        (target / "quizzes" / f"{new_id}.yml").write_text(
            quiz.replace(f"id: {source.stem}\n", f"id: {new_id}\n", 1), encoding="utf-8"
        )
        tracks.setdefault(track, []).append(new_id)
    for order, (track, members) in enumerate(tracks.items(), 1):
        (target / "curriculum/tracks" / f"{track}.yml").write_text(
            yaml.safe_dump(
                {
                    "id": track,
                    "order": order,
                    "title": f"Track {order}",
                    "summary": "Synthetic track.",
                    "modules": members,
                },
                sort_keys=False,
            ),
            encoding="utf-8",
        )
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="32,320,1000", help="synthetic curriculum sizes")
    parser.add_argument("--runs", type=int, default=2, help="runs per measurement (best time is kept)")
    args = parser.parse_args()
    mkdocs = BIN / "mkdocs"
    print(
        f"Machine: {platform.processor() or platform.machine()}, {platform.python_implementation()} "
        f"{platform.python_version()}, {platform.system()} {platform.release()}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        academy_time, academy_mem = best_of(args.runs, mkdocs, "build", "-d", work / "a", cwd=ROOT)
        plain = plain_material_project(work / "plain", work / "dump-site")
        plain_time, plain_mem = best_of(args.runs, mkdocs, "build", "-d", work / "p", cwd=plain)
        print("\n(a) shipped site")
        print(f"{'build':<32}{'seconds':>10}{'peak MiB':>10}")
        print(f"{'with academy plugins':<32}{academy_time:>10.2f}{academy_mem:>10.0f}")
        print(f"{'plain Material, same pages':<32}{plain_time:>10.2f}{plain_mem:>10.0f}")
        print(f"{'ratio (target <= 1.25)':<32}{academy_time / plain_time:>10.2f}")

        print("\n(b) synthetic curricula")
        print(f"{'modules':>8}{'seconds':>10}{'peak MiB':>10}{'index KiB':>11}{'x 32-time':>11}")
        base = None
        sizes = [int(s) for s in args.sizes.split(",")]
        for size in sizes:
            project = synthetic_project(work / f"s{size}", size)
            seconds, peak = best_of(
                1 if size > 100 else args.runs, mkdocs, "build", "-d", project / "site", cwd=project
            )
            index = (project / "site/search/search_index.json").stat().st_size / 1024
            base = base or seconds
            print(f"{size:>8}{seconds:>10.2f}{peak:>10.0f}{index:>11.0f}{seconds / base:>11.1f}")
        largest = work / f"s{sizes[-1]}"
        seconds, peak = best_of(args.runs, BIN / "academy", "validate", cwd=largest)
        print(f"\n(c) academy validate, {sizes[-1]} modules: {seconds:.2f} s, peak {peak:.0f} MiB")
        json.dump({"academy": academy_time, "plain": plain_time}, sys.stderr)
        print(file=sys.stderr)


if __name__ == "__main__":
    main()
