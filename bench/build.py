"""Build benchmarks (run by hand: `make bench`); prints a table, asserts nothing.

(a) the shipped site with the academy plugins vs the same Markdown with plain Material, in one run;
(b) synthetic curricula of 32, 320 and 1,000 modules: build time, peak memory, search index size;
(c) `academy validate` on the 1,000-module curriculum.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "plugins"))

from academy.core.project import load_project  # noqa: E402


def measure(*command: str | Path, cwd: Path) -> tuple[float, float]:
    """Wall time in seconds and peak memory in MiB of one command, run in its own child process."""
    wrapper = (
        "import resource, subprocess, sys, time\n"
        "start = time.perf_counter()\n"
        "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).returncode\n"
        "elapsed = time.perf_counter() - start\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(code, elapsed, peak)\n"
    )
    env_command = [sys.executable, "-c", wrapper, *map(str, command)]
    out = subprocess.run(env_command, cwd=cwd, capture_output=True, text=True, env=_env()).stdout.split()
    code, elapsed, peak = int(out[0]), float(out[1]), float(out[2])
    if code != 0:
        raise SystemExit(f"{' '.join(map(str, command))} failed in {cwd}")
    return elapsed, peak


def _env() -> dict[str, str]:
    import os

    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PATH": f"{BIN}:{os.environ.get('PATH', '')}"}


def best_of(runs: int, *command: str | Path, cwd: Path) -> tuple[float, float]:
    results = [measure(*command, cwd=cwd) for _ in range(runs)]
    return min(r[0] for r in results), max(r[1] for r in results)


def plain_material_project(target: Path) -> Path:
    """The shipped Markdown (guide and lessons) as a plain Material site with the same extensions."""
    project = load_project(ROOT)
    shutil.copytree(ROOT / "content", target / "docs")
    for module in project.modules.values():
        page = target / "docs" / module.src
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"# {module.title}\n\n{module.body}", encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("docs_dir: content", "docs_dir: docs").replace("custom_dir: site_config/overrides\n", "")
    lines = [line for line in config.splitlines() if "- academy" not in line]
    text = "\n".join(lines)
    text = text[: text.index("\nnav:")] + "\n"
    text = text.replace("validation:", "validation_unused:")
    (target / "mkdocs.yml").write_text(text, encoding="utf-8")
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
    for n in range(modules):
        source = sources[n % len(sources)]
        new_id = f"{source.stem}-{n:04d}"
        track = f"track-{n // 10:03d}"
        text = source.read_text(encoding="utf-8")
        meta, body = text.split("---\n", 2)[1:]
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
        plain = plain_material_project(work / "plain")
        plain_time, plain_mem = best_of(args.runs, mkdocs, "build", "-d", work / "p", cwd=plain)
        print("\n(a) shipped site")
        print(f"{'build':<32}{'seconds':>10}{'peak MiB':>10}")
        print(f"{'with academy plugins':<32}{academy_time:>10.2f}{academy_mem:>10.0f}")
        print(f"{'plain Material, same Markdown':<32}{plain_time:>10.2f}{plain_mem:>10.0f}")
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
