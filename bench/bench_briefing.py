"""Time to make a briefing picture: the sample view, and the sample with a large context layer.

    python bench/bench_briefing.py [FILE.csv]

The basemap outlines read from their GeoJSON and from their stored form. For each sheet
(PNG slide 1x and 2x, PDF A4): the first picture in a fresh process (the basemap read once,
from the stored form, as the first click in the app does) and the next ones (the app's later
clicks), wall-clock and CPU seconds. With FILE (an ACLED-format export, e.g. 50,000 rows
from ``bench/generate_acled.py``) it also times the sample view with that context layer.
The command-line end to end (imports, placing the events, the picture) is timed too.
"""

from __future__ import annotations

import functools
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from events.acled import context_layer_from_file  # noqa: E402
from events.briefing import briefing_file  # noqa: E402
from events.context import ContextIndex, context_index  # noqa: E402
from events.dossier import default_data_dir  # noqa: E402
from events.mapview import Atlas, atlas_from_directory, with_context_options  # noqa: E402
from geo.maps.picture import Sheet  # noqa: E402
from geo.outlines import COUNTRIES_FILE, REGIONS_FILE, outline_layer  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SHEETS = (Sheet.SLIDE, Sheet.SLIDE_2X, Sheet.A4)


def timed(work: Callable[[], object]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


def report(label: str, atlas: Atlas, context: ContextIndex | None, runs: int = 3) -> None:
    for sheet in SHEETS:
        times = [timed(lambda: briefing_file(atlas, {}, sheet, context=context)) for _ in range(runs)]
        first, rest = times[0], times[1:]
        best = min(rest, key=lambda pair: pair[0])
        print(f"{label:<28} {sheet:<9} first {first[0]:5.2f} s (cpu {first[1]:5.2f})   "
              f"next {best[0]:5.2f} s (cpu {best[1]:5.2f})")


def command_line() -> None:
    with tempfile.TemporaryDirectory() as directory:
        for fmt in ("png", "pdf"):
            out = Path(directory) / f"briefing.{fmt}"
            started, before = time.perf_counter(), _children_cpu()
            subprocess.run([sys.executable, "-m", "events", "briefing", "--format", fmt, "--out", str(out)],
                           cwd=REPO, check=True, capture_output=True)
            print(f"{'command line, sample':<28} {fmt:<9} {time.perf_counter() - started:5.2f} s end to end "
                  f"(cpu {_children_cpu() - before:5.2f})")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def outlines() -> None:
    """Reading both outline files: parsed from the GeoJSON (a first start, or a changed
    file), then from the stored form every later process reads."""
    with tempfile.TemporaryDirectory() as directory:
        for label in ("parsed and stored", "from the stored form"):
            timings = [timed(functools.partial(outline_layer, path, Path(directory)))
                       for path in (COUNTRIES_FILE, REGIONS_FILE)]
            print(f"{'basemap outlines':<28} {label:<21} {sum(t[0] for t in timings):5.2f} s "
                  f"(cpu {sum(t[1] for t in timings):5.2f})")


def main(arguments: list[str]) -> int:
    outlines()
    atlas = atlas_from_directory(default_data_dir())
    report("sample view", atlas, None)
    if arguments:
        index = context_index(context_layer_from_file(Path(arguments[0])))
        with_context = with_context_options(atlas, index.option_counts, index.date_bounds)
        report(f"sample + {len(index):,} context", with_context, index)
    command_line()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
