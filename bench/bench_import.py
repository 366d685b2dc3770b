"""Import of an ACLED-format export: time and memory, light records against pydantic models.

    python bench/bench_import.py FILE.csv

Context events are frozen slotted dataclasses, not pydantic models like the dossier's
events; this prints what that choice saves at the file's size, in the same run.
"""

from __future__ import annotations

import dataclasses
import datetime
import gc
import sys
import time
import tracemalloc
import typing
from collections.abc import Callable
from pathlib import Path

from pydantic import ConfigDict, create_model

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from events.acled import ContextEvent, context_layer_from_file  # noqa: E402
from events.context import context_index, context_rows_matching  # noqa: E402
from events.filtering import EventFilter  # noqa: E402
from events.sourcing import EventType  # noqa: E402

FILTERS = (
    ("none", EventFilter()),
    ("airstrikes", EventFilter(event_type=frozenset({EventType.AIRSTRIKE}))),
    ("2016, text 'aleppo'", EventFilter(since=datetime.date(2016, 1, 1),
                                         until=datetime.date(2016, 12, 31), q="aleppo")),
)


# The same fields as a frozen, validated pydantic model, as the dossier's events are.
PydanticContextEvent = create_model(
    "PydanticContextEvent", __config__=ConfigDict(frozen=True, extra="forbid"),
    **{name: (kind, ...) for name, kind in typing.get_type_hints(ContextEvent).items()})


def _measured(build: Callable[[], object]) -> tuple[float, float, object]:
    """Seconds (untraced, best of three) and peak MiB (traced, once) of ``build``."""
    times = []
    for _ in range(3):
        gc.collect()
        started = time.perf_counter()
        result = build()
        times.append(time.perf_counter() - started)
    tracemalloc.start()
    build()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return min(times), peak / 2**20, result


def main(path: Path) -> None:
    seconds, peak_mb, layer = _measured(lambda: context_layer_from_file(path))
    events: tuple[ContextEvent, ...] = layer.events  # type: ignore[attr-defined]
    fields = [dataclasses.asdict(e) for e in events]
    light_s, light_mb, _ = _measured(lambda: [ContextEvent(**f) for f in fields])
    heavy_s, heavy_mb, _ = _measured(lambda: [PydanticContextEvent(**f) for f in fields])
    print(f"{path.name}: {len(events)} events, {len(layer.problems)} problems")  # type: ignore[attr-defined]
    print(f"  import (read, check, build): {seconds:.2f} s, peak {peak_mb:.0f} MiB")
    print(f"  build only, frozen dataclass: {light_s:.3f} s, {light_mb:.0f} MiB")
    print(f"  build only, pydantic model:   {heavy_s:.3f} s, {heavy_mb:.0f} MiB "
          f"({heavy_s / light_s:.1f}x the time, {heavy_mb / light_mb:.1f}x the memory)")
    index_s, index_mb, index = _measured(lambda: context_index(layer))  # type: ignore[arg-type]
    print(f"  index for filtering and drawing (once per load): {index_s:.2f} s, "
          f"{index_mb:.0f} MiB")
    for label, choice in FILTERS:
        pass_s, _, rows = _measured(
            lambda: context_rows_matching(index, choice))  # type: ignore[arg-type]
        print(f"  filter {label}: {pass_s * 1000:.0f} ms, {len(rows)} events")  # type: ignore[arg-type]


if __name__ == "__main__":
    main(Path(sys.argv[1]))
