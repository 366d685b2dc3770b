"""Speed of the offline gazetteer: first build, index open, toponyms resolved per second.

    python bench/geo_speed.py [CORPUS.jsonl] [--no-build]
    (default corpus: ../shared/geo-eval/trnews.jsonl, TR-News format)

Prints, with the machine and its load average (wall-clock figures count other processes'
turns on a shared machine; CPU-time figures do not):

- first build: the index compiled from scratch in a fresh process into an empty cache
  directory: wall and CPU time, peak memory;
- open: the index opened afresh and a first name looked up, as a new process does;
- toponyms per second, cold (a fresh index, no name seen before) and warm (the same
  names again): the corpus's names resolved alone, its gold spans resolved in their
  article's context (``python -m geo resolve-spans``), and its articles parsed and
  resolved (``python -m geo parse``).

Each figure is the best of a few runs, the usual way to read a timing through noise.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from geo import gazetteer as gazetteer_module  # noqa: E402
from geo import parsing as parsing_module  # noqa: E402
from geo import resolution as resolution_module  # noqa: E402
from geo.cli import given_spans, resolved_spans  # noqa: E402
from geo.parsing import toponym_spans  # noqa: E402
from geo.resolution import place_from_name  # noqa: E402

DEFAULT_CORPUS = REPO_ROOT / ".." / "shared" / "geo-eval" / "trnews.jsonl"
RUNS = 5
OPEN_RUNS = 20
BUILD = (
    "from geo.gazetteer import build_index, index_path; import sys; "
    "path = index_path(); build_index(path); print(path.stat().st_size)"
)


def machine() -> str:
    model = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")),
        platform.processor() or "unknown CPU",
    ) if Path("/proc/cpuinfo").exists() else platform.processor()
    return f"{os.cpu_count()} cores ({model}), Python {platform.python_version()}"


def load() -> str:
    return "load average " + " ".join(f"{x:.1f}" for x in os.getloadavg())


def first_build() -> None:
    """Build into an empty cache directory in a child process, which alone is measured."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with tempfile.TemporaryDirectory() as cache:
        started = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", BUILD], cwd=REPO_ROOT, env={**os.environ, gazetteer_module.CACHE_ENV: cache},
            check=True, capture_output=True, text=True,
        )
        wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    # ru_maxrss is in KiB on Linux: the largest child so far, which here is the build.
    size = int(out.stdout.split()[-1]) / 2**20
    print(f"first build     {wall:.1f} s wall, {cpu:.1f} s CPU, peak memory {after.ru_maxrss / 2**20:.2f} GiB;"
          f" index {size:.0f} MiB  ({load()})")


def index_open() -> None:
    """``index_path()`` (which names the index for its sources), opening, a first lookup."""
    walls, cpus = [], []
    for _ in range(OPEN_RUNS):
        started, cpu = time.perf_counter(), time.process_time()
        index = gazetteer_module.Gazetteer(gazetteer_module.index_path())
        index.entries("Paris")
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
    print(f"index open      {min(walls) * 1000:.0f} ms wall (median {statistics.median(walls) * 1000:.0f}),"
          f" {min(cpus) * 1000:.0f} ms CPU (median {statistics.median(cpus) * 1000:.0f})")


def cold() -> None:
    """A fresh index with nothing looked up yet, as after opening."""
    gazetteer_module.gazetteer.cache_clear()  # a new Gazetteer has read no names
    gazetteer_module.name_key.cache_clear()
    resolution_module._prior_features.cache_clear()
    resolution_module._feature.cache_clear()
    resolution_module._named_anywhere.cache_clear()
    parsing_module._spans.cache_clear()
    gazetteer_module.gazetteer()


def rate(label: str, toponyms: int, work: Callable[[], Any]) -> None:
    """Toponyms per second, cold and warm: the best of a few runs of each."""
    figures = []
    for warm in (False, True):
        walls, cpus = [], []
        for _ in range(RUNS):
            if not warm:
                cold()
            started, cpu = time.perf_counter(), time.process_time()
            work()
            walls.append(time.perf_counter() - started)
            cpus.append(time.process_time() - cpu)
        figures.append(f"{toponyms / min(cpus):,.0f}/CPU s, {toponyms / min(walls):,.0f}/s wall")
    print(f"{label:<15} cold {figures[0]}; warm {figures[1]}")


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    corpus = Path(args[0]) if args else DEFAULT_CORPUS
    print(f"{machine()}; {load()}")
    if "--no-build" not in sys.argv:
        first_build()
    gazetteer_module.gazetteer()
    index_open()
    if not corpus.exists():
        print(f"{corpus}: not found; toponyms per second skipped")
        return
    with corpus.open(encoding="utf-8") as f:
        documents = [json.loads(line) for line in f if line.strip()]
    names = [t["name"] for d in documents for t in d["toponyms"]]
    found = sum(len(toponym_spans(d["text"], gazetteer_module.gazetteer())) for d in documents)
    print(f"{len(names)} gold toponyms in {len(documents)} articles ({found} found by parse)")
    distinct = list(dict.fromkeys(names))
    rate("names alone", len(names), lambda: [place_from_name(name) for name in names])
    rate("each name once", len(distinct), lambda: [place_from_name(name) for name in distinct])
    rate("resolve-spans", len(names), lambda: [
        resolved_spans(d["text"], given_spans(d, n)) for n, d in enumerate(documents)
    ])
    rate("parse", found, lambda: [
        resolved_spans(d["text"], toponym_spans(d["text"], gazetteer_module.gazetteer())) for d in documents
    ])
    print(load())


if __name__ == "__main__":
    main()
