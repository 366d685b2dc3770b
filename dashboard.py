"""Event Atlas: the events news articles report, on a map, with where each claim comes from.

    streamlit run dashboard.py

Dossiers are read from ``events/data/``, or from the directory named by the environment
variable ``EVENT_ATLAS_DATA``. This script only wires widgets to the ``events`` and ``geo``
packages and renders what they return. Article and dossier strings reach the page as text:
through ``st.text``/``st.dataframe``, or markdown-escaped by :func:`_literal`.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import streamlit as st
from streamlit_folium import st_folium

from events import filtering, mapview
from geo import mapping

REPO = Path(__file__).resolve().parent
DEFAULT_DATA = REPO / "events" / "data"
MAP_KEY = "event-map"
LIST_PARAMS = {
    "evidence": "Evidence",
    "verification": "Verification",
    "claimant": "Claimant or outlet",
    "event_type": "Event type",
    "actor": "Actor",
    "precision": "Place precision",
}
# CommonMark lets any ASCII punctuation be backslash-escaped; escaping all of it also
# disarms Streamlit's `$...$` maths, `:colour[...]` directives and `:material/...:` icons.
_MARKDOWN_ESCAPES = {ord(c): "\\" + c for c in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"}
# Streamlit swaps ":streamlit:" for its logo even when escaped; a word joiner breaks the match.
_LOGO_SHORTCODE = ":streamlit:"


def _literal(text: str) -> str:
    """Markdown that shows ``text`` exactly as written."""
    return text.replace(_LOGO_SHORTCODE, ":\u2060streamlit:").translate(_MARKDOWN_ESCAPES)


def _data_dir() -> str:
    return os.environ.get("EVENT_ATLAS_DATA") or str(DEFAULT_DATA)


@st.cache_resource(show_spinner="Reading dossiers and placing events...")
def _atlas(data_dir: str) -> mapview.Atlas:
    """Loaded once per data directory and shared, read-only, by every session."""
    return mapview.atlas_from_directory(Path(data_dir))


@st.cache_data(show_spinner=False, max_entries=64)
def _view(data_dir: str, query: dict[str, list[str]]) -> mapview.View:
    """The filtered events and their map items: plain data, never folium objects."""
    return mapview.view_of(_atlas(data_dir), filtering.filter_from_query(query)[0])


def _url_query() -> dict[str, list[str]]:
    return {name: st.query_params.get_all(name) for name in st.query_params}


def _seed_from_url(atlas: mapview.Atlas) -> None:
    """On a session's first run, the URL sets the filters and the selected event."""
    if "seeded" in st.session_state:
        return
    query = _url_query()
    event_filter, notices = filtering.filter_from_query(query)
    selected, event_notices = mapview.selected_from_query(atlas, query)
    values, option_notices = mapview.widget_values(filtering.query_from_filter(event_filter), atlas)
    st.session_state.update(values)
    st.session_state.update(seeded=True, notices=[*notices, *option_notices, *event_notices], selected=selected)


def _sidebar_query(atlas: mapview.Atlas) -> dict[str, list[str]]:
    """The filter widgets, each option with its count; returns their values as a query."""
    st.sidebar.header("Filters")
    query = {"q": [st.sidebar.text_input("Search titles, summaries and quotes", key="q")]}
    for param, label in LIST_PARAMS.items():
        counts = atlas.option_counts[param]
        query[param] = st.sidebar.multiselect(
            label, options=list(counts), key=param, format_func=lambda v, c=counts: f"{v} ({c[v]})"
        )
    first, last = atlas.date_bounds
    dates = st.sidebar.date_input("Date range", key="dates", min_value=first, max_value=last)
    query.update(mapview.query_from_dates(dates, atlas.date_bounds))
    return query


def _show_problems(atlas: mapview.Atlas) -> None:
    if atlas.problems:
        st.warning(
            f"{len(atlas.problems)} dossier problem(s); the other events still show:\n\n"
            + "\n".join(f"- {_literal(problem)}" for problem in atlas.problems)
        )
    for notice in st.session_state.notices:
        st.info(_literal(notice))


def _selection(view: mapview.View, clicked: object, table_rows: list[int]) -> str | None:
    """The event a click on the map or a table row just chose, else the one already chosen."""
    chosen = mapping.event_id_from_click(clicked, view.items)
    if chosen is not None and chosen != st.session_state.get("last_click"):
        st.session_state.last_click = chosen
        st.session_state.selected = chosen
    row = table_rows[0] if table_rows else None
    if row != st.session_state.get("last_row"):
        st.session_state.last_row = row
        if row is not None:
            st.session_state.selected = view.rows[row]["id"]
    selected: str | None = st.session_state.selected
    return selected


def _details(atlas: mapview.Atlas, event_id: str | None) -> None:
    details = mapview.details_of(atlas, event_id)
    if details is None:
        st.caption("Click an event on the map, or a row in the table, to read its sources.")
        return
    st.subheader(_literal(details.title))
    st.markdown(f"**Date:** {_literal(details.date)}")
    st.markdown(f"**Place:** {_literal(details.place)}")
    for claim in details.claims:
        with st.container(border=True):
            st.markdown("\n\n".join(_literal(line) for line in claim.lines))
            st.caption(_literal(claim.evidence_definition))
            st.markdown(f"> {_literal(claim.quote)}")
    with st.expander(f"Article: {_literal(details.article_title)}", expanded=False):
        for paragraph in details.article:
            st.markdown(
                "".join(
                    f":orange-background[{_literal(text)}]" if highlighted else _literal(text)
                    for text, highlighted in paragraph
                )
            )


@st.fragment
def _map_and_details(data_dir: str, query: dict[str, list[str]]) -> None:
    """Map, details and table rerun alone when the viewer clicks or selects a row."""
    atlas, view = _atlas(data_dir), _view(data_dir, query)
    table_key = f"table-{view.key}"
    table_rows = st.session_state.get(table_key, {}).get("selection", {}).get("rows", [])
    left, right = st.columns([3, 2], gap="medium")
    with left:
        result = st_folium(
            mapping.base_map(),
            feature_group_to_add=mapping.feature_group_from_items(view.items),
            returned_objects=["last_object_clicked"],
            key=MAP_KEY,
            height=560,
            use_container_width=True,
        )
    selected = _selection(view, result.get("last_object_clicked"), table_rows)
    st.query_params.update(mapview.query_with_selection(query, selected))
    with right:
        _details(atlas, selected)
    _legend()
    _off_map(view)
    st.subheader("Events")
    st.dataframe(
        view.rows,
        key=table_key,
        on_select="rerun",
        selection_mode="single-row",
        hide_index=True,
        column_order=mapview.TABLE_COLUMNS,
        width="stretch",
    )


def _legend() -> None:
    with st.expander("Legend: what the colours, outlines and symbols mean", expanded=True):
        for entry in mapview.legend_entries():
            st.markdown(f"{_literal(entry.label)}: {_literal(entry.definition)}")


def _off_map(view: mapview.View) -> None:
    if view.off_map:
        with st.expander(f"{len(view.off_map)} shown event(s) not on the map"):
            st.dataframe(view.off_map, hide_index=True, width="stretch")


def _exports(data_dir: str, query: dict[str, list[str]]) -> None:
    """Files of exactly the filtered set, built only when asked for."""
    st.subheader("Take this view into a briefing")
    columns = st.columns(3)
    for column, export in zip(columns, mapview.EXPORTS, strict=True):
        column.download_button(
            export.label,
            data=lambda export=export: export.build(_view(data_dir, query)),
            file_name=export.file_name,
            mime=export.mime,
            on_click="ignore",
        )


st.set_page_config(page_title="Event Atlas", layout="wide")
data_dir = _data_dir()
try:
    atlas = _atlas(data_dir)
except OSError as error:
    st.error(
        f"Cannot read dossiers from {_literal(data_dir)} ({_literal(error.strerror or str(error))}). "
        "Set EVENT\\_ATLAS\\_DATA to a directory of dossier files."
    )
    st.stop()
_seed_from_url(atlas)
st.title("Event Atlas")
_show_problems(atlas)
query = filtering.query_from_filter(filtering.filter_from_query(_sidebar_query(atlas))[0])
st.query_params.from_dict(mapview.query_with_selection(query, st.session_state.selected))
st.markdown(f"Showing **{len(_view(data_dir, query).events)}** of **{len(atlas.events)}** events")
_map_and_details(data_dir, query)
_exports(data_dir, query)
