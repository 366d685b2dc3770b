"""The server's share of a filter change and of a click on the context layer, in one process.

    python bench/bench_context_filter.py FILE.csv [--repeat R]

Loads FILE (an ACLED export, e.g. from ``bench/generate_acled.py``) as the app does, into a
temporary store, then times, for a search, an actor, a date range and no filter at all:
the rows kept (:func:`events.context.context_rows_matching`), the view the app caches
(:func:`events.context.context_view`: rows, map payload and summary line), the payload's
size, and what streamlit-folium does with it on every run of the map's part (the feature
group rendered to the script it sends); then the actor added to the search, whose hits the
index kept. Then the click: :func:`events.context.spot_details`
for the biggest mark at zoom 7 (the map's first view of Syria), in the unfiltered view and
in the search's.

Each figure is the median of R runs (default 3), in wall seconds and CPU seconds; the load
average is printed with them. No browser: the browser's share is bench_browser.py's.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import folium
import numpy as np
from streamlit_folium import _get_feature_group_string  # type: ignore[import-untyped]

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from events.context import (ContextIndex, context_rows_at, context_rows_matching,  # noqa: E402
                            context_view, spot_details, stored_index)
from events.filtering import EventFilter  # noqa: E402
from geo.maps import leaflet  # noqa: E402
from geo.maps.pointlayer import Mark, PointLayer, Spot, cell_of  # noqa: E402

SEARCH = "aleppo"
# Syria at the map's first view: marks gather a town and its neighbours.
CLICK_ZOOM = 7
ACTOR_RANK = 4
T = TypeVar("T")


def timed(run: Callable[[], T], repeat: int) -> tuple[T, float, float]:
    """The result of ``run`` and the median wall and CPU seconds of ``repeat`` runs."""
    walls, cpus = [], []
    result = run()  # a first run warms what is computed once per process (folium templates)
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = run()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return result, statistics.median(walls), statistics.median(cpus)


def _load() -> str:
    return " / ".join(Path("/proc/loadavg").read_text().split()[:3])


def sent_script(payload: str) -> str:
    """What streamlit-folium renders of the map's feature group on a run, payload included."""
    group = leaflet.feature_group_from_items([], popups=False, extra_layers=[PointLayer(payload)])
    script: str = _get_feature_group_string(group, folium.Map(tiles=None))
    return script


def biggest_mark(index: ContextIndex, rows: np.ndarray, zoom: int) -> Mark:
    """The mark of the most events at ``zoom``: its cell and style."""
    points = index.points
    rows = rows[points.point[rows]]
    places = points.place[rows]
    x, y = cell_of(points.place_x[places], points.place_y[places], zoom)
    key = (x.astype(np.int64) << 32) | (y.astype(np.int64) << 8) | points.style[rows]
    found, counts = np.unique(key, return_counts=True)
    top = int(found[np.argmax(counts)])
    return Mark(zoom, top >> 32, (top >> 8) & 0xFFFFFF, top & 0xFF)


def filter_figures(index: ContextIndex, name: str, choice: EventFilter, repeat: int) -> np.ndarray:
    """A first filter change to ``choice``: each run on a copy of the index that has kept no
    search's hits."""
    rows, wall, cpu = timed(lambda: context_rows_matching(dataclasses.replace(index), choice), repeat)
    print(f"{name}: {len(rows):,} of {len(index):,} kept")
    print(f"  rows matching:               {wall:6.3f} s wall, {cpu:6.3f} s CPU")
    view, wall, cpu = timed(lambda: context_view(dataclasses.replace(index), choice), repeat)
    print(f"  context_view (rows+payload): {wall:6.3f} s wall, {cpu:6.3f} s CPU; "
          f"payload {len(view.payload.encode()) / 2**20:.2f} MiB")
    script, wall, cpu = timed(lambda: sent_script(view.payload), repeat)
    print(f"  streamlit-folium's script:   {wall:6.3f} s wall, {cpu:6.3f} s CPU; "
          f"{len(script.encode()) / 2**20:.2f} MiB (on every run of the map's part)")
    return view.rows


def click_figures(index: ContextIndex, name: str, rows: np.ndarray, repeat: int) -> None:
    mark = biggest_mark(index, rows, CLICK_ZOOM)
    spot = Spot(0.0, 0.0, region=False, mark=mark)
    listed = len(context_rows_at(index, rows, spot))
    details, wall, cpu = timed(lambda: spot_details(index, rows, spot), repeat)
    assert details is not None
    print(f"click on the biggest mark at zoom {CLICK_ZOOM} ({name}, {listed:,} events): "
          f"spot_details {wall:.3f} s wall, {cpu:.3f} s CPU; "
          f"{len(details.events)} listed, {details.more:,} more")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        data, store = Path(temporary) / "data", Path(temporary) / "store"
        data.mkdir()
        os.link(args.csv, data / args.csv.name) if _same_device(args.csv, data) \
            else shutil.copy(args.csv, data)
        stored_index(data, store)  # the first load writes the store; a restart reads it
        index = stored_index(data, store)
        print(f"{len(index):,} context events; load average {_load()} (1, 5, 15 min) on "
              f"{len(os.sched_getaffinity(0))} cores")
    year = index.date_bounds[1].year - 1  # the last whole year
    # The option counts are in descending order: an actor of a few percent of the events.
    actor = list(index.option_counts["actor"])[ACTOR_RANK]
    choices = {
        "no filter": EventFilter(),
        f"search {SEARCH!r}": EventFilter(q=SEARCH),
        f"actor {actor!r}": EventFilter(actor=frozenset({actor})),
        f"dates {year}": EventFilter(since=datetime.date(year, 1, 1), until=datetime.date(year, 12, 31)),
    }
    shown = {name: filter_figures(index, name, choice, args.repeat) for name, choice in choices.items()}
    searched = dataclasses.replace(index)
    context_rows_matching(searched, choices[f"search {SEARCH!r}"])
    narrower = EventFilter(q=SEARCH, actor=frozenset({actor}))
    view, wall, cpu = timed(lambda: context_view(searched, narrower), args.repeat)
    print(f"then the actor added to the search: {len(view.rows):,} kept; context_view "
          f"{wall:.3f} s wall, {cpu:.3f} s CPU")
    click_figures(index, "no filter", shown["no filter"], args.repeat)
    click_figures(index, f"search {SEARCH!r}", shown[f"search {SEARCH!r}"], args.repeat)
    print(f"load average at the end {_load()}")


def _same_device(path: Path, directory: Path) -> bool:
    return path.stat().st_dev == directory.stat().st_dev


if __name__ == "__main__":
    main()
