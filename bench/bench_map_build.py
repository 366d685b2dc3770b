"""Map build time and payload of the context layer, against a Marker per event and the floor.

    python bench/bench_map_build.py FILE.csv [N ...]

For each N (default 12, 1,000, 10,000, 50,000 first rows of FILE): the time to turn the
loaded events into the script streamlit-folium sends to the browser, and that script's
size; the same for one ``folium.Marker`` per event (the naive layer; capped at 10,000
events, where it already takes seconds per thousand events); and the floor, the bytes
of each event's id and coordinates alone. Ratios are printed in the same run.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import folium
from streamlit_folium import _get_feature_group_string

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from events.acled import ContextEvent, ContextLayer, context_layer_from_file  # noqa: E402
from events.context import context_index, context_map_layer  # noqa: E402
from geo.maps.pointlayer import floor_bytes  # noqa: E402

MARKER_CAP = 10_000


def sent_script(build: Callable[[], folium.FeatureGroup]) -> tuple[float, int]:
    """Seconds to build the layer and render it as streamlit-folium does; its size."""
    started = time.perf_counter()
    script = _get_feature_group_string(build(), folium.Map(tiles=None))
    return time.perf_counter() - started, len(script.encode())


def marker_layer(events: Sequence[ContextEvent]) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name="Markers")
    for event in events:
        folium.Marker([event.lat, event.lon], tooltip=event.event_id).add_to(group)
    return group


def main(path: Path, sizes: Sequence[int]) -> None:
    # Rendering outside a streamlit session: its warning about that is not news here.
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    events = context_layer_from_file(path).events
    print(f"{'events':>7} | {'context layer':>22} | {'one Marker each':>22} | "
          f"{'floor':>9} | payload/floor | Marker/context time, bytes")
    for size in sizes:
        chosen = events[:size]
        # Indexing is done once when the file is loaded, not on each map build.
        index = context_index(ContextLayer(chosen, ()))
        seconds, size_bytes = sent_script(lambda: context_map_layer(index, range(len(chosen))))
        floor = floor_bytes(index.points)
        if size <= MARKER_CAP:
            m_seconds, m_bytes = sent_script(lambda: marker_layer(chosen))
            marker = f"{m_seconds:>8.2f} s {m_bytes / 2**10:>8.0f} KiB"
            ratios = f"{m_seconds / seconds:>7.0f}x {m_bytes / size_bytes:>6.1f}x"
        else:
            marker, ratios = f"{'not run (> cap)':>22}", f"{'-':>7}  {'-':>6}"
        print(f"{len(chosen):>7} | {seconds:>8.3f} s {size_bytes / 2**10:>8.0f} KiB | {marker} | "
              f"{floor / 2**10:>5.0f} KiB | {size_bytes / floor:>12.2f}x | {ratios}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), [int(a) for a in sys.argv[2:]] or [12, 1_000, 10_000, 50_000])
