"""The files a viewer takes away: exactly the events of the current view."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from events.export import csv_from_events, geojson_from_events
from events.mapview import Atlas, View, file_stem, filter_lines, legend_entries
from geo.maps.standalone import Source, standalone_html

BRIEFING_TITLE = "Event Atlas briefing"


@dataclass(frozen=True)
class Export:
    label: str
    extension: str
    mime: str
    build: Callable[[Atlas, View], str]

    def file_name(self, view: View) -> str:
        """A name that says what the file holds: the filters' values and dates."""
        return f"{file_stem(view.choice)}.{self.extension}"


def html_map(atlas: Atlas, view: View) -> str:
    """The one-file map: opens from disk, with the legend and the articles it draws on."""
    return standalone_html(view.items, legend_entries(), sources_of(atlas, view), title=BRIEFING_TITLE,
                           filters=filter_lines(view.choice))


def sources_of(atlas: Atlas, view: View) -> list[Source]:
    articles = {item.article.id: item.article for item in view.placed}
    return [
        Source(label=f"{article.title} ({article.publisher}, {article.published.isoformat()})", url=article.url)
        for article in articles.values()
    ]


EXPORTS = (
    Export("GeoJSON", "geojson", "application/geo+json", lambda atlas, view: geojson_from_events(view.placed)),
    Export("CSV", "csv", "text/csv", lambda atlas, view: csv_from_events(view.placed)),
    Export("HTML map", "html", "text/html", html_map),
)
