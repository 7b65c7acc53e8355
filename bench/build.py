"""Build benchmarks (run by hand: `make bench`); prints a table, asserts nothing.

(a) the shipped site with the academy plugins vs the same Markdown with plain Material, in one run;
(b) synthetic curricula of 32, 320 and 1,000 modules, each against plain Material on its same pages:
    build time, peak memory, search index size;
(c) `academy validate` on the 1,000-module curriculum;
Each academy figure twice: cold (an empty project cache, core/cache.py: everything read and checked)
and warm (the cache the cold build left: the sources unchanged since, as in a rebuild for a
stylesheet or the build after `academy validate`).
(f) the shipped site in its source language only and in every language of site.yml: time per
    language build (each language is a whole build of every page), which must stay flat.
(g) the floor on the shipped site and at each synthetic size: what the academy spends on work
    plain Material never does (importing its code; reading its sources and converting its quiz
    texts, each at its least), set against the target's allowance, a tenth of plain Material's build.
The comparisons with plain Material build one language (the synthetic curricula have no
translations; the shipped site is built in its source language there), as plain Material does.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

import engine

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
#: The academy's own cost, academy build time ÷ plain Material time on the same pages, at every size.
TARGET = 1.10


@dataclass
class Run:
    """One build: wall seconds, CPU seconds (user + system, what the build itself spent, steadier
    than wall time on a busy machine) and peak memory in MiB."""

    wall: float
    cpu: float
    peak: float


def measure(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Wall time, CPU time and peak memory of one command, run in its own child process (`env`:
    variables set for it on top of this process's)."""
    wrapper = (
        "import resource, subprocess, sys, time\n"
        "start = time.perf_counter()\n"
        "run = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)\n"
        "elapsed = time.perf_counter() - start\n"
        "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(run.returncode, elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)\n"
        "sys.stderr.write(run.stderr[-3000:] if run.returncode else '')\n"
    )
    env_command = [sys.executable, "-c", wrapper, *map(str, command)]
    result = subprocess.run(env_command, cwd=cwd, capture_output=True, text=True, env=_env(env))
    code, elapsed, cpu, peak = result.stdout.split()
    if int(code) != 0:
        raise SystemExit(f"{' '.join(map(str, command))} failed in {cwd}:\n{result.stderr}")
    return Run(float(elapsed), float(cpu), float(peak))


def _env(extra: dict[str, str] | None = None) -> dict[str, str]:
    path = f"{BIN}:{os.environ.get('PATH', '')}"
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PATH": path, **(extra or {})}


def best(runs: list[Run]) -> Run:
    """The best time of several runs (what the machine can do) and the highest peak."""
    return Run(min(r.wall for r in runs), min(r.cpu for r in runs), max(r.peak for r in runs))


def build_command(project: Path, site: Path, strict: bool = True) -> list[str | Path]:
    """The selected engine's build of `project` into `site` (ENGINE, see bench/engine.py)."""
    return [engine.command(), "build", *(["--strict"] if strict else []), "-f", project / "mkdocs.yml", "-d", site]


@dataclass
class Comparison:
    """The academy build of a project, cold and warm, against plain Material building the same pages."""

    academy: Run
    warm: Run
    plain: Run

    def ratio(self, field: str, academy: Run | None = None) -> float:
        return getattr(academy or self.academy, field) / getattr(self.plain, field)


def compare(project: Path, work: Path, runs: int) -> Comparison:
    """The builds `runs` times each, alternating, so that a busy spell on the machine hits all:
    the academy's with an empty project cache (cold), again with the cache that build left
    (warm), and plain Material's."""
    plain = plain_material_project(project, work / "plain", work / "dump-site")
    academy_runs, warm_runs, plain_runs = [], [], []
    for number in range(runs):
        cache = {"ACADEMY_CACHE_DIR": str(work / f"cache-{number}"), "ACADEMY_CACHE": "1"}
        academy_runs.append(measure(*build_command(project, work / "academy-site"), cwd=project, env=cache))
        warm_runs.append(measure(*build_command(project, work / "academy-site"), cwd=project, env=cache))
        # Not strict: the plain project drops the academy's `validation` settings, which name its own pages.
        plain_runs.append(measure(*build_command(plain, work / "plain-site", strict=False), cwd=plain))
    return Comparison(best(academy_runs), best(warm_runs), best(plain_runs))


#: Builds a project once with a last plugin that writes each page's Markdown as the academy
#: plugins leave it (generated pages included), and the nav as they extend it, for plain
#: Material to build the same pages with the same navigation.
_DUMP = """
import sys
from pathlib import Path
if sys.argv[5] == "properdocs":
    import properdocs.replacement  # `mkdocs.*` is ProperDocs, as under `properdocs build`
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.plugins import BasePlugin, event_priority

class Dump(BasePlugin):
    @event_priority(-100)
    def on_config(self, config):
        Path(sys.argv[4]).write_text(yaml.safe_dump({"nav": config.nav}, allow_unicode=True), encoding="utf-8")

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


#: The academy's extra work on a project that plain Material never does, in CPU seconds: its own
#: imports as they are (after everything plain Material imports), and at their least, reading
#: every YAML source and each module's front matter with bare libyaml (no line numbers, no
#: checks) and converting each distinct quiz text once through the site's Markdown in the quiz
#: plugin's shared passes. No check, no generated page and no template is counted.
_FLOOR = """
import sys, time
from pathlib import Path
if sys.argv[2] == "properdocs":
    import properdocs.replacement
import markdown, pymdownx, yaml
import mkdocs.commands.build, material.plugins.search.plugin
from mkdocs.config import load_config
start = time.process_time()
from academy.plugins import project, i18n, guidelines, curriculum, quiz, certificates, exams, video, sandbox
for package in (project, i18n, guidelines, curriculum, quiz, certificates, exams, video, sandbox):
    __import__(package.__name__ + ".plugin")
imports = time.process_time() - start
root = Path(sys.argv[1])
sources = [*root.glob("quizzes/*.yml"), *root.glob("sandbox/*.yml"), *root.glob("curriculum/**/*.yml")]
modules = list(root.glob("curriculum/modules/*.md"))
start = time.process_time()
for path in sources:
    yaml.load(path.read_text("utf-8"), Loader=yaml.CSafeLoader)
for path in modules:
    yaml.load(path.read_text("utf-8").split("---\\n", 2)[1], Loader=yaml.CSafeLoader)
reading = time.process_time() - start
from academy.core.project import load_project
from academy.plugins.quiz.render import MarkdownRenderer, quiz_texts
quizzes = load_project(root).quizzes.values()
config = load_config(str(root / "mkdocs.yml"))
renderer = MarkdownRenderer(config.markdown_extensions, config.mdx_configs)
start = time.process_time()
renderer.prepare(text for q in quizzes for text in quiz_texts(q))
print(imports, reading, time.process_time() - start)
"""


@dataclass
class Floor:
    """`_FLOOR`'s figures for one project, CPU seconds."""

    imports: float
    reading: float
    quiz_texts: float

    @property
    def cold(self) -> float:
        return self.imports + self.reading + self.quiz_texts

    @property
    def warm(self) -> float:  # the project cache stands in for reading (unpickling it is not free)
        return self.imports + self.quiz_texts


def floor(project: Path) -> Floor:
    command = [sys.executable, "-c", _FLOOR, str(project), engine.ENGINE]
    result = subprocess.run(command, check=True, env=_env(), capture_output=True, text=True, cwd=project)
    return Floor(*map(float, result.stdout.split()))


def plain_material_project(project: Path, target: Path, scratch: Path) -> Path:
    """Every page of `project` as the academy plugins hand it to Markdown, as a plain Material
    project with the same theme settings, extensions and navigation: what is left is the plugins' cost."""
    docs = target / "docs"
    nav = target / "nav.yml"
    target.mkdir(parents=True, exist_ok=True)
    config_file = project / "mkdocs.yml"
    command = [sys.executable, "-c", _DUMP, str(config_file), str(docs), str(scratch), str(nav), engine.ENGINE]
    subprocess.run(command, check=True, env=_env(), capture_output=True, cwd=project)
    config = config_file.read_text(encoding="utf-8").replace("docs_dir: content", "docs_dir: docs")
    drop = ("- academy", "custom_dir:")
    text = "\n".join(line for line in config.splitlines() if not line.strip().startswith(drop))
    text = text[: text.index("\nnav:")] + "\n" + nav.read_text(encoding="utf-8")
    (target / "mkdocs.yml").write_text(text.replace("validation:", "validation_unused:"), encoding="utf-8")
    return target


#: A translation beside its source: `page.nl.md`, `quiz.nl.yml` (a language code before the suffix).
_TRANSLATION = re.compile(r"\.[a-z]{2}(?:-[A-Za-z]{2,4})?\.(?:md|yml)$")


def is_translation(path: Path) -> bool:
    return bool(_TRANSLATION.search(path.name))


def _translations(_folder: str, names: list[str]) -> list[str]:
    """shutil.copytree's `ignore`: the translations among a folder's files."""
    return [name for name in names if is_translation(Path(name))]


def set_languages(project: Path, languages: list[str]) -> None:
    """Build `project` in these languages only (its site.yml `languages:`, the source first)."""
    site = project / "site_config" / "site.yml"
    text, count = re.subn(r"(?m)^languages:.*$", f"languages: [{', '.join(languages)}]", site.read_text("utf-8"))
    site.write_text(text if count else text + f"languages: [{', '.join(languages)}]\n", encoding="utf-8")


def shipped_copy(target: Path, languages: list[str]) -> Path:
    """The shipped project, translations included, built in `languages` only."""
    for folder in ("content", "site_config", "curriculum", "quizzes", "sandbox"):
        shutil.copytree(ROOT / folder, target / folder)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    set_languages(target, languages)
    return target


def synthetic_project(target: Path, modules: int) -> Path:
    """The shipped project with its modules and quizzes cloned until there are `modules` of them.

    One language (the source's) and no translations: plain Material builds the source language's
    pages only, so the comparison is like for like (the languages' cost: `language_figures`)."""
    for folder in ("content", "site_config"):
        shutil.copytree(ROOT / folder, target / folder, ignore=_translations)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    set_languages(target, [_source_language()])
    for folder in ("modules", "tracks", "certificates", "exams"):
        (target / "curriculum" / folder).mkdir(parents=True)
    (target / "quizzes").mkdir()
    (target / "sandbox").mkdir()
    thread_marker = re.compile(r"<!-- academy:thread ([\w-]+) -->")
    sources = sorted(p for p in (ROOT / "curriculum" / "modules").glob("*.md") if not is_translation(p))
    tracks: dict[str, list[str]] = {}
    pool: dict[str, int] = {}  # exam questions per module
    # Links between lessons point at a clone that exists.
    clone = {src.stem: f"{sources[i % modules].stem}-{i % modules:04d}" for i, src in enumerate(sources)}
    link = re.compile(r"\]\(([\w-]+)\.md")
    # The guide's links to a workshop point at its first clone.
    workshop = re.compile(r"\]\(((?:\.\./)*workshops/)([\w-]+)\.md")
    for page in (target / "content").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        fixed = workshop.sub(lambda m: f"]({m.group(1)}{clone.get(m.group(2), m.group(2))}.md", text)
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")
    for n in range(modules):
        source = sources[n % len(sources)]
        new_id = f"{source.stem}-{n:04d}"
        track = f"track-{n // 10:03d}"
        text = source.read_text(encoding="utf-8")
        meta, body = text.split("---\n", 2)[1:]
        body = link.sub(lambda m: f"]({clone.get(m.group(1), m.group(1))}.md", body)
        # Each clone gets its own copy of the lesson's practice thread (a thread belongs to one module).
        for thread in thread_marker.findall(body):
            thread_text = (ROOT / "sandbox" / f"{thread}.yml").read_text(encoding="utf-8")
            thread_text = thread_text.replace(f"id: {thread}\n", f"id: {thread}-{n:04d}\n", 1)
            thread_text = thread_text.replace(f"module: {source.stem}\n", f"module: {new_id}\n", 1)
            (target / "sandbox" / f"{thread}-{n:04d}.yml").write_text(thread_text, encoding="utf-8")
        body = thread_marker.sub(rf"<!-- academy:thread \1-{n:04d} -->", body)
        data = yaml.safe_load(meta)
        # One starting module; within a track each module follows the one before it, and a track
        # starts after the last module of an earlier one (track t after track (t - 1) // 2), so
        # the prerequisite chains stay as short as a real curriculum's (a logarithm of its size).
        t, position = divmod(n, 10)
        before = n - 1 if position else ((t - 1) // 2) * 10 + 9 if t else None
        previous = [f"{sources[before % len(sources)].stem}-{before:04d}"] if before is not None else []
        data.update(id=new_id, track=track, quiz=new_id, prerequisites=previous, title=f"{data['title']} {n}")
        (target / "curriculum/modules" / f"{new_id}.md").write_text(
            "---\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True) + "---\n" + body, encoding="utf-8"
        )
        quiz = (ROOT / "quizzes" / f"{source.stem}.yml").read_text(encoding="utf-8")
        (target / "quizzes" / f"{new_id}.yml").write_text(
            quiz.replace(f"id: {source.stem}\n", f"id: {new_id}\n", 1), encoding="utf-8"
        )
        bank = ROOT / "curriculum" / "exams" / f"{source.stem}.yml"
        if bank.exists():  # the hub's question bank for the module's certificate exam
            pool[new_id] = len(yaml.safe_load(bank.read_text(encoding="utf-8"))["questions"])
            (target / "curriculum/exams" / f"{new_id}.yml").write_text(
                bank.read_text(encoding="utf-8").replace(f"module: {source.stem}\n", f"module: {new_id}\n", 1),
                encoding="utf-8",
            )
        tracks.setdefault(track, []).append(new_id)
    # Each track ends in a certificate, as the shipped ones do (the first certificate's settings).
    rules = sorted(p for p in (ROOT / "curriculum" / "certificates").glob("*.yml") if not is_translation(p))
    template = yaml.safe_load(rules[0].read_text("utf-8"))
    for order, (track, members) in enumerate(tracks.items(), 1):
        (target / "curriculum/tracks" / f"{track}.yml").write_text(
            yaml.safe_dump(
                {
                    "id": track,
                    "order": order,
                    "title": f"Track {order}",
                    "summary": "Synthetic track.",
                    "modules": members,
                    "certificate": f"{track}-certificate",
                },
                sort_keys=False,
            ),
            encoding="utf-8",
        )
        certificate = {**template, "id": f"{track}-certificate", "title": f"Certified Track {order}"}
        certificate["modules"] = members
        if "exam" in certificate:
            # Draws differ between learners only from a pool of twice the draw (a check of the build).
            draw = min(certificate["exam"]["draw"], sum(pool.get(m, 0) for m in members) // 2)
            certificate["exam"] = {**certificate["exam"], "draw": draw}
        (target / "curriculum/certificates" / f"{track}-certificate.yml").write_text(
            yaml.safe_dump(certificate, sort_keys=False, allow_unicode=True), encoding="utf-8"
        )
    return target


def _source_language() -> str:
    site = yaml.safe_load((ROOT / "site_config" / "site.yml").read_text("utf-8"))
    return str((site.get("languages") or [site.get("language", "en")])[0])


def machine() -> str:
    """The machine the figures come from, for BENCHMARKS.md."""
    cpuinfo = Path("/proc/cpuinfo")
    lines = cpuinfo.read_text().splitlines() if cpuinfo.exists() else []
    models = [line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")]
    model = models[0] if models else platform.processor() or platform.machine()
    return (
        f"{os.cpu_count()} cores ({model}), {platform.python_implementation()} {platform.python_version()}, "
        f"{platform.system()} {platform.release()}, engine {engine.ENGINE}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="32,320,1000", help="synthetic curriculum sizes")
    parser.add_argument("--runs", type=int, default=2, help="runs per measurement (best time is kept)")
    parser.add_argument("--large-runs", type=int, default=1, help="runs per measurement above 100 modules")
    args = parser.parse_args()
    print(f"Machine: {machine()}")
    header = (
        f"{'':<28}{'academy s':>10}{'plain s':>9}{'ratio':>7}{'CPU s':>8}{'plain CPU':>10}{'ratio':>7}"
        f"{'warm CPU':>10}{'ratio':>7}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        source = _source_language()
        # Like for like: plain Material builds the source language's pages only, so the academy
        # builds the shipped site in that language only here; (f) measures the other languages.
        one = shipped_copy(work / "shipped-1", [source])
        shipped = compare(one, work / "shipped", args.runs)
        print(
            f"\n(a) shipped site ({source} only) against plain Material on the same pages "
            f"(target: ratio <= {TARGET:.2f})"
        )
        print(header)
        print(_row("shipped site", shipped))
        print(f"{'peak MiB, academy / plain':<28}{shipped.academy.peak:>10.0f}{shipped.plain.peak:>9.0f}")
        language_figures(work, shipped.academy, work / "shipped" / "academy-site")

        print(f"\n(b) synthetic curricula against plain Material on the same pages (target: ratio <= {TARGET:.2f})")
        print(header + f"{'peak MiB':>10}{'index KiB':>11}{'x 32-time':>11}")
        base = None
        sizes = [int(s) for s in args.sizes.split(",")]
        floors = [("shipped site", shipped, floor(one))]
        for size in sizes:
            project = synthetic_project(work / f"s{size}", size)
            figures = compare(project, work / f"s{size}-build", args.large_runs if size > 100 else args.runs)
            index = (work / f"s{size}-build" / "academy-site/search/search_index.json").stat().st_size / 1024
            base = base or figures.academy.wall
            floors.append((f"{size} modules", figures, floor(project)))
            print(
                _row(f"{size} modules", figures)
                + f"{figures.academy.peak:>10.0f}{index:>11.0f}{figures.academy.wall / base:>11.1f}"
            )
        print_floors(floors)
        largest = work / f"s{sizes[-1]}"
        cold, warm = [], []
        for number in range(args.runs):
            cache = {"ACADEMY_CACHE_DIR": str(work / f"validate-cache-{number}"), "ACADEMY_CACHE": "1"}
            cold.append(measure(BIN / "academy", "validate", cwd=largest, env=cache))
            warm.append(measure(BIN / "academy", "validate", cwd=largest, env=cache))
        validate, again = best(cold), best(warm)
        print(
            f"\n(c) academy validate, {sizes[-1]} modules: {validate.wall:.2f} s cold, {again.wall:.2f} s warm, "
            f"peak {validate.peak:.0f} MiB"
        )
        json.dump({"academy": shipped.academy.wall, "plain": shipped.plain.wall}, sys.stderr)
        print(file=sys.stderr)


def language_figures(work: Path, single: Run, single_site: Path) -> None:
    """(f) The shipped site in its source language only and in every language of its site.yml:
    each language is a whole build of every page (translated or falling back to the source), so
    the time per language should stay that of one build (issue #14: linear in pages x languages).
    The one-language build is (a)'s academy build of `single_site`."""
    site = yaml.safe_load((ROOT / "site_config" / "site.yml").read_text("utf-8"))
    languages = [str(code) for code in site.get("languages") or [site.get("language", "en")]]
    every = shipped_copy(work / f"shipped-{len(languages)}", languages)
    # One run: the one-language figure is (a)'s academy build, and the whole build takes long.
    # Cold, as (a)'s: an empty project cache.
    cold = {"ACADEMY_CACHE_DIR": str(work / "lang-n-cache"), "ACADEMY_CACHE": "1"}
    multi = measure(*build_command(every, work / "lang-n-site"), cwd=every, env=cold)
    pages = sum(1 for _ in single_site.rglob("*.html"))
    print(f"\n(f) shipped site per language ({', '.join(languages)}): time per language build, linear if ~1.00")
    print(f"{'':<28}{'wall s':>10}{'CPU s':>9}{'per lang':>10}{'CPU/lang':>10}{'HTML files':>12}")
    print(f"{'1 language':<28}{single.wall:>10.2f}{single.cpu:>9.2f}{single.wall:>10.2f}{single.cpu:>10.2f}{pages:>12}")
    n = len(languages)
    total = sum(1 for _ in (work / "lang-n-site").rglob("*.html"))
    print(
        f"{f'{n} languages':<28}{multi.wall:>10.2f}{multi.cpu:>9.2f}{multi.wall / n:>10.2f}{multi.cpu / n:>10.2f}"
        f"{total:>12}"
    )
    print(
        f"per-language cost of {n} against 1: wall {multi.wall / n / single.wall:.2f}, "
        f"CPU {multi.cpu / n / single.cpu:.2f} (HTML files {total / max(pages, 1):.2f} x)"
    )


def print_floors(floors: list[tuple[str, Comparison, Floor]]) -> None:
    """(g) Each size's floor against the allowance: where the floor alone exceeds it, no tuning of
    the academy's code meets the target; `gap` is what the academy spends beyond plain Material."""
    print(
        "\n(g) the floor: CPU s of work plain Material never does "
        "(imports as they are; reading and quiz md at their least)"
    )
    print(
        f"{'':<16}{'allowance':>10}{'imports':>9}{'reading':>9}{'quiz md':>9}{'floor cold':>12}"
        f"{'gap cold':>10}{'floor warm':>12}{'gap warm':>10}"
    )
    for name, c, f in floors:
        allowance = (TARGET - 1) * c.plain.cpu
        print(
            f"{name:<16}{allowance:>10.2f}{f.imports:>9.2f}{f.reading:>9.2f}{f.quiz_texts:>9.2f}"
            f"{f.cold:>12.2f}{c.academy.cpu - c.plain.cpu:>10.2f}{f.warm:>12.2f}{c.warm.cpu - c.plain.cpu:>10.2f}"
        )


def _row(name: str, c: Comparison) -> str:
    return (
        f"{name:<28}{c.academy.wall:>10.2f}{c.plain.wall:>9.2f}{c.ratio('wall'):>7.2f}"
        f"{c.academy.cpu:>8.2f}{c.plain.cpu:>10.2f}{c.ratio('cpu'):>7.2f}"
        f"{c.warm.cpu:>10.2f}{c.ratio('cpu', c.warm):>7.2f}"
    )


if __name__ == "__main__":
    main()
