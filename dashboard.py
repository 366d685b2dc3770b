"""Event Atlas: the events news articles report, on a map, with where each claim comes from.

    streamlit run dashboard.py

Dossiers are read from ``events/data/``, or from the directory named by the environment
variable ``EVENT_ATLAS_DATA``. This script only wires widgets to the ``events`` and ``geo``
packages and renders what they return. Article and dossier strings reach the page as text:
through ``st.dataframe``, or markdown-escaped by :func:`events.markdown.literal`; only the legend, built
from the project's own vocabulary, is HTML.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from pathlib import Path

import json

import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit_folium import st_folium

from events import briefing, details, exports, mapview, overview
from events.context import (ContextIndex, ContextView, SpotDetails, context_view, directory_index,
                            problem_lines, spot_details, uploaded_index)
from events.dossier import default_data_dir, directory_signature
from events.exceptions import ContextFileError
from events.markdown import literal
from events.sample import install_sample_article
from events.sourcing import label_of
from geo.maps import leaflet
from geo.exceptions import GeoError
from geo.maps.pointlayer import PointLayer, Spot, spot_from_click

LEGEND_CSS = Path(__file__).resolve().parent / "assets" / "event-atlas" / "event-atlas.css"
MAP_KEY = "event-map"
MAP_HEIGHT_PX = 600
DETAILS_ANCHOR = "event-details"
# Streamlit's wide layout keeps 5rem of padding each side and 6rem on top: the map's room.
PAGE_CSS = """<style>
[data-testid="stMainBlockContainer"] { padding: 2.5rem 1.5rem 4rem; }
#event-details:focus { outline: none; }
.st-key-events-list button p { text-align: left; }
</style>"""
TABLE_COLUMNS = {
    # Title and what the reader weighs it by first: at 1400 px all but place fit unscrolled;
    # at 390 px the title and its verification.
    "title": st.column_config.TextColumn("Event", width=220),
    "verification": st.column_config.TextColumn("Verification", width=110),
    "claimants": st.column_config.TextColumn("Claimants", width=190),
    "evidence": st.column_config.TextColumn("Evidence", width=130),
    "date": st.column_config.TextColumn("Date", width=90),
    "place": st.column_config.TextColumn("Place", width=150),
    "precision": st.column_config.TextColumn("Place precision", width=100),
}
CHOICE_LABELS = mapview.CHOICE_LABELS
# Events listed under the map; the table, opened on demand, holds any number.
LIST_LIMIT = 100


@st.cache_resource(show_spinner="Reading dossiers and placing events...", max_entries=4)
def _atlas(data_dir: str, signature: str) -> mapview.Atlas:
    """Loaded once per data directory and shared, read-only, by every session; a dossier
    saved there (a new ``signature``) is loaded on the next run, with no restart."""
    return mapview.atlas_from_directory(Path(data_dir))


@st.cache_resource(max_entries=8)
def _atlas_with_context(data_dir: str, signature: str, key: str, _index: ContextIndex) -> mapview.Atlas:
    """The atlas whose filter options also hold the context layer's (``key`` names it)."""
    return mapview.with_context_options(_atlas(data_dir, signature), _index.option_counts, _index.date_bounds)


@st.cache_data(show_spinner=False, max_entries=64)
def _view(atlas_key: str, _atlas: mapview.Atlas, query: dict[str, list[str]]) -> mapview.View:
    """The filtered events and their map items: plain data, never folium objects."""
    return mapview.view_of(_atlas, _atlas.filter_from_query(query)[0])


def _directory_context(data_dir: str) -> ContextIndex:
    """The data directory's ACLED exports, loaded once per server and per content of the
    exports, and shared by every session; ``serve.py`` starts the load when the server starts."""
    loading = directory_index(Path(data_dir))
    if loading.done():
        return loading.result()
    with st.spinner("Reading the context layer..."):
        return loading.result()


@st.cache_resource(show_spinner="Reading the uploaded export...", max_entries=4)
def _uploaded_context(file_id: str, name: str, _content: bytes) -> ContextIndex:
    """An upload's layer, keyed by its upload id: no other session can ask for it."""
    return uploaded_index(_content, name)


def _context(data_dir: str) -> tuple[str, ContextIndex]:
    """The context layer: an uploaded export replaces the data directory's; with its key."""
    upload = st.session_state.get("context_upload")
    if upload is not None:
        try:
            return f"upload:{upload.file_id}", _uploaded_context(upload.file_id, upload.name,
                                                                 upload.getvalue())
        except ContextFileError as error:
            st.sidebar.error(literal(str(error)))
    index = _directory_context(data_dir)
    return f"dir:{data_dir}:{index.version}", index


@st.cache_resource(show_spinner=False, max_entries=16)
def _context_layer(atlas_key: str, _index: ContextIndex, _atlas: mapview.Atlas,
                   query: dict[str, list[str]]) -> ContextView:
    """The context events a filter shows, with their map payload (``atlas_key`` names both):
    shared, read-only, by every session that asks for the same filters; at most 16 kept."""
    return context_view(_index, _atlas.filter_from_query(query)[0])


def _context_controls(index: ContextIndex) -> bool:
    """The upload widget and the show/hide toggle; whether the layer is shown."""
    st.sidebar.header("Context layer")
    st.sidebar.file_uploader("ACLED export (CSV): replaces the data directory's", type=["csv"],
                             key="context_upload")
    if st.session_state.get("context_upload") is not None:
        st.sidebar.caption("A link to this page carries the filters and the selected event, not this file: "
                           "whoever opens it sees the data directory's context layer instead.")
    if index.problems:
        st.sidebar.warning("Rows left out; the others load:\n\n"
                           + "\n".join(f"- {literal(line)}" for line in problem_lines(index)))
    return len(index) > 0 and st.sidebar.toggle("Show the context layer", value=True,
                                                    key="context_shown")


def _seed_from_url(atlas: mapview.Atlas) -> None:
    """On a session's first run, the URL sets the filters and the selected event."""
    if "seeded" in st.session_state:
        return
    url = {name: st.query_params.get_all(name) for name in st.query_params}
    choice, notices = atlas.filter_from_query(url)
    st.session_state.update(mapview.widget_values(choice, atlas))
    st.session_state.update(seeded=True, notices=notices, selected=choice.event, seeded_query=None)


def _sidebar_query(atlas: mapview.Atlas, sidebar: DeltaGenerator) -> dict[str, list[str]]:
    """The filter widgets, each option with its count; returns their values as a URL query."""
    sidebar.header("Filters")
    kept, dropped = mapview.offered_choices({name: st.session_state.get(name) for name in CHOICE_LABELS}, atlas)
    st.session_state.update(kept)
    for notice in dropped:
        st.toast(literal(notice))
    query = {"q": [sidebar.text_input("Search titles, summaries, quotes and places", key="q")]}
    for name, label in CHOICE_LABELS.items():
        counts = atlas.option_counts[name]
        # No "Select all" row: all is the same as none here, and that first row took clicks
        # and Enter meant for an option (streamlit/streamlit#16537). Chosen values in one row
        # (`wrap=False`): a field growing by a row moved the fields below it, and the next
        # one's list then opened where that field had been, over the point clicked to open
        # it, so that a slow release chose its first option.
        query[name] = sidebar.multiselect(
            label, list(counts), key=name,
            format_func=lambda value, c=counts, n=name: f"{label_of(n, value)} ({c[value]})",
            select_all=False, wrap=False,
        )
    first, last = atlas.date_bounds
    if "dates" in st.session_state:
        st.session_state.dates = mapview.dates_within(st.session_state.dates, atlas.date_bounds)
    dates = sidebar.date_input("Date range", key="dates", min_value=first, max_value=last)
    undated = overview.undated_count(atlas)
    if undated:
        sidebar.caption(f"{undated} of the article events have no known date: every date range keeps them, "
                        "since nothing puts them outside it. Their date reads “unknown”.")
    query.update(mapview.query_from_dates(dates, atlas.date_bounds))
    return query


def _sources(atlas: mapview.Atlas) -> None:
    """Which articles the events come from, and how to read the map."""
    for source in overview.sources_of(atlas):
        link = f" · [read the article]({source.url})" if source.url else ""
        st.markdown(f"**{source.events} events** reported in *{literal(source.line)}*{link}")
    st.caption(overview.HOW_TO_READ)


def _showing(atlas: mapview.Atlas, view: mapview.View, query: dict[str, list[str]], context_rows: int) -> None:
    """How many events the filters leave, and how they are placed; if none at all (neither
    the article's nor the context layer's), why, and a way out."""
    placing = overview.placing_of(view)
    st.markdown(f"Showing **{len(view.placed)}** of **{len(atlas.events)}** events")
    if view.placed:
        st.markdown(placing.line())
    if not view.placed and not context_rows and atlas.events:
        st.info("No event passes all of these filters together: "
                f"{literal('; '.join(mapview.filter_lines(view.choice)))}.")
        st.button("Clear the filters", on_click=_clear_filters, args=(atlas.date_bounds,), key="clear_filters")


def _clear_filters(bounds: tuple[date, date]) -> None:
    st.session_state.update({name: [] for name in CHOICE_LABELS}, q="", dates=bounds)


def _upload_dates(index: ContextIndex, query: dict[str, list[str]]) -> None:
    """An uploaded export whose dates the chosen range leaves out: say so, offer to widen it."""
    if st.session_state.get("context_upload") is None or len(index) == 0:
        return
    wider = overview.widened_dates(index.date_bounds, query)
    if wider is not None:
        first, last = index.date_bounds
        st.info(f"The uploaded export runs from {first} to {last}; the dates chosen leave part of it out.")
        st.button(f"Widen the dates to {wider[0]} – {wider[1]}", on_click=st.session_state.update,
                  kwargs={"dates": wider}, key="widen_dates")


def _show_problems_and_notices(atlas: mapview.Atlas, query: dict[str, list[str]]) -> None:
    if atlas.problems:
        st.warning(
            f"{len(atlas.problems)} dossier problem(s); the other events still show:\n\n"
            + "\n".join(f"- {literal(problem)}" for problem in atlas.problems)
        )
    # The URL's notices stand until the viewer changes the filters it set.
    if st.session_state.seeded_query is None:
        st.session_state.seeded_query = query
    if query == st.session_state.seeded_query:
        for notice in st.session_state.notices:
            st.info(literal(notice))


# Selection callbacks run before the rerun they cause, so the map is built knowing the choice.
def _select_clicked() -> None:
    """A click on an event's mark, area or line selects it. A click on a mark of no article
    event (a context mark) keeps where it was, in ``context_spot``; choosing an article event
    forgets it. Each click changes the click count, so a second click on the same mark counts."""
    returned = st.session_state.get(MAP_KEY) or {}
    clicked = leaflet.event_id_from_click(returned)
    if clicked is None:
        spot = spot_from_click(returned)
        st.session_state.update(context_spot=spot, picks=st.session_state.get("picks", 0) + (spot is not None))
    else:
        _pick(clicked)


def _select_row(table_key: str, ids: tuple[str, ...]) -> None:
    """Ticking a row selects its event; unticking it closes the details."""
    rows = st.session_state[table_key]["selection"]["rows"]
    # The table reports a tick the app made as a change of its own on a later run: not the reader's.
    if st.session_state.pop(f"app-tick:{table_key}", None) == rows:
        return
    if rows:
        _pick(ids[rows[0]])
    else:
        st.session_state.update(selected=None, context_spot=None)


def _pick(event_id: str) -> None:
    """The reader chose an event (on the map, in the table or the list): its details are
    brought into view and focused, once, on the run this causes."""
    st.session_state.update(selected=event_id, context_spot=None, picks=st.session_state.get("picks", 0) + 1)


def _tick_selected_row(table_key: str, row: int | None) -> None:
    """Tick the selected event's row (a map click or a link may have chosen it), and no other."""
    rows = [] if row is None else [row]
    if st.session_state.get(table_key, {}).get("selection", {}).get("rows", []) != rows:
        st.session_state[table_key] = {"selection": {"rows": rows}}
        st.session_state[f"app-tick:{table_key}"] = rows


def _deselect() -> None:
    st.session_state.selected = None


# Our own script, holding no data but a run count: after a reader's pick (of an event or of
# a context mark), the details' heading is scrolled into view if it is out of it (a phone's stacked page, a row clicked
# below the fold) and takes the keyboard focus, so a screen reader reads it next.
_BRING_DETAILS = """<script data-pick="{pick}">
(() => {{
  const heading = document.getElementById({anchor});
  if (!heading) return;
  const box = heading.getBoundingClientRect();
  if (box.top < 0 || box.bottom > window.innerHeight) heading.scrollIntoView({{block: "start"}});
  heading.setAttribute("tabindex", "-1");
  heading.focus({{preventScroll: true}});
}})();
</script>"""


def _bring_details_into_view() -> None:
    """Once per pick by the reader; not on a first load from a link."""
    pick = st.session_state.get("picks", 0)
    if pick and st.session_state.get("brought") != pick:
        st.session_state.brought = pick
        st.html(_BRING_DETAILS.format(pick=pick, anchor=json.dumps(DETAILS_ANCHOR)),
                unsafe_allow_javascript=True)


def _details(atlas: mapview.Atlas, view: mapview.View, event_id: str | None) -> None:
    shown = details.details_of(atlas, event_id)
    if shown is None:
        st.caption("Click an event on the map, or its title in the list below, to read its sources.")
        return
    if view.hides(event_id):
        st.warning(mapview.HIDDEN_NOTICE)
    st.subheader(literal(shown.title), anchor=DETAILS_ANCHOR)
    st.button("Close these details", on_click=_deselect, key="close_details")
    st.markdown(f"**Date:** {literal(shown.date)}")
    st.markdown(f"**Place:** {literal(shown.place)}")
    for claim in shown.claims:
        with st.container(border=True):
            st.markdown("  \n".join(literal(line) for line in claim.lines))
            st.caption(literal(claim.evidence_definition))
            st.markdown(f"> {literal(claim.quote)}")
            if claim.note:
                st.markdown(f"**Note on this claim:** {literal(claim.note)}")
    with st.expander(f"Article: {literal(shown.article_title)}"):
        for paragraph in shown.article:
            st.markdown(
                "".join(
                    f":orange-background[{literal(text)}]" if marked else literal(text)
                    for text, marked in paragraph
                )
            )


def _context_details(spot: SpotDetails) -> None:
    st.subheader(literal(spot.heading), anchor=DETAILS_ANCHOR)
    for lines, notes in spot.events:
        with st.container(border=True):
            st.markdown("  \n".join(literal(line) for line in lines))
            if notes:
                st.markdown(f"> {literal(notes)}")
    if spot.more:
        st.caption(f"... and {spot.more:,} more here: narrow the dates or search to list them.")


def _spot(context: tuple[ContextIndex, ContextView] | None) -> SpotDetails | None:
    """The context events of the mark last clicked, if it is still shown."""
    where = st.session_state.get("context_spot")
    if context is None or not isinstance(where, Spot):
        return None
    index, shown = context
    return spot_details(index, shown.rows, where)


@st.fragment
def _map_details_table(
    atlas_key: str, atlas: mapview.Atlas, query: dict[str, list[str]],
    context: tuple[ContextIndex, ContextView] | None,
) -> None:
    """A click on the map or a table row reruns only this part of the page."""
    view = _view(atlas_key, atlas, query)
    layers = [PointLayer(context[1].payload)] if context else []
    spot = _spot(context)
    if spot is not None:
        st.session_state.selected = None
    selected: str | None = st.session_state.selected
    left, right = st.columns([2, 1], gap="medium")
    with left:
        st_folium(
            leaflet.base_map(),
            feature_group_to_add=leaflet.feature_group_from_items(view.items, selected=selected, popups=False,
                                                                  extra_layers=layers),
            returned_objects=["last_object_clicked_tooltip", "last_object_clicked_count",
                              "last_object_clicked"],
            key=MAP_KEY,
            on_change=_select_clicked,
            height=MAP_HEIGHT_PX,
            use_container_width=True,
        )
        _off_map(view, selected)
    st.query_params.from_dict(mapview.query_with_selection(query, selected))
    with right:
        if spot is not None:
            _context_details(spot)
        else:
            _details(atlas, view, selected)
        _bring_details_into_view()
        _legend(expanded=selected is None and spot is None, context=context is not None)
    st.subheader("Events")
    _events_list(view, selected)
    _events_table(view, selected)


def _events_list(view: mapview.View, selected: str | None) -> None:
    """Each event's title, which opens its details as a click on its mark does, above its
    verification and claimants: readable at any width, and light enough that the map is not
    kept waiting (a data grid's scripts took a second of the map's first draw)."""
    with st.container(key="events-list", gap="medium"):
        for row in view.rows[:LIST_LIMIT]:
            with st.container(gap=None):  # a title and its sourcing read as one item
                _pick_button(row, selected, key=f"row:{row['id']}")
                st.caption(literal(f"{row['verification']} · {row['claimants']}"))
    if len(view.rows) > LIST_LIMIT:
        st.caption(f"... and {len(view.rows) - LIST_LIMIT:,} more: the table lists them all, "
                   "or narrow the filters.")


def _events_table(view: mapview.View, selected: str | None) -> None:
    """Every column of the events shown, sortable, built only once the reader opens it."""
    table_key = f"table-{view.key}"
    with st.expander("Table of these events: every column, sortable", key="events_table",
                     on_change="rerun") as table:
        if not table.open:
            return
        _tick_selected_row(table_key, view.row_of(selected))
        st.dataframe(
            view.rows,
            key=table_key,
            on_select=partial(_select_row, table_key, tuple(row["id"] for row in view.rows)),
            selection_mode="single-row",
            hide_index=True,
            column_order=list(TABLE_COLUMNS),
            column_config=TABLE_COLUMNS,
            width="stretch",
        )


def _pick_button(row: dict[str, str], selected: str | None, key: str) -> None:
    """An event's title as a button that opens its details, as a click on its mark does."""
    chosen = row["id"] == selected
    st.button(f"{literal(row['title'])}{' (selected)' if chosen else ''}", key=key,
              on_click=_pick, args=(row["id"],), type="tertiary", disabled=chosen)


def _off_map(view: mapview.View, selected: str | None) -> None:
    """The events with no mark, each a button that opens its details like a mark does."""
    if not view.off_map:
        return
    st.markdown(f"**No precise place** ({len(view.off_map)} of the events shown)")
    st.caption("Shaded as a whole country, never pinned; or not drawn at all. Choose one to read its sources.")
    # Buttons, not a second st.dataframe: the grid's scripts delay the map's first draw.
    for reason, rows in overview.off_map_by_reason(view):
        st.markdown(f"*{literal(reason[:1].upper() + reason[1:])}:*")
        for row in rows:
            _pick_button(row, selected, key=f"off-map:{row['id']}")


@st.cache_resource
def _legend_html(context: bool) -> str:
    """The legend, from the project's own vocabulary only (with the context layer's looks
    while it is shown): the same for every run and session."""
    entries = mapview.legend_entries() + (overview.context_legend_entries() if context else ())
    return f"<style>{LEGEND_CSS.read_text()}</style>{leaflet.legend_html(entries)}"


def _legend(expanded: bool, context: bool) -> None:
    with st.expander("Legend: what the colours, outlines and symbols mean", expanded=expanded):
        st.html(_legend_html(context))


def _exports(atlas_key: str, atlas: mapview.Atlas, query: dict[str, list[str]],
             context: ContextIndex | None) -> None:
    """Files of exactly the filtered set, built only when asked for; their buttons only once
    the reader opens this part (they are no part of the map's first draw)."""
    with st.expander("Take this view into a briefing: data, a map file, pictures", key="exports",
                     on_change="rerun") as files:
        if files.open:
            _export_buttons(atlas_key, atlas, query, context)


def _export_buttons(atlas_key: str, atlas: mapview.Atlas, query: dict[str, list[str]],
                    context: ContextIndex | None) -> None:
    for column, export in zip(st.columns(len(exports.EXPORTS)), exports.EXPORTS, strict=True):
        column.download_button(
            export.label,
            data=lambda export=export: export.build(atlas, _view(atlas_key, atlas, query)),
            file_name=export.file_name(_view(atlas_key, atlas, query)),
            mime=export.mime,
            on_click="ignore",
        )
    # Pictures of the view with its selection, as `python -m events briefing --query` makes them.
    shown = mapview.query_with_selection(query, st.session_state.get("selected"))
    for column, picture in zip(st.columns(len(briefing.PICTURE_FILES)), briefing.PICTURE_FILES, strict=True):
        column.download_button(
            picture.label,
            data=lambda picture=picture: briefing.briefing_file(atlas, shown, picture.sheet, context=context),
            file_name=picture.file_name,
            mime=picture.mime,
            on_click="ignore",
        )


st.set_page_config(page_title="Event Atlas", layout="wide")
data_dir = str(default_data_dir())
sample_notice = install_sample_article(Path(data_dir))
try:
    signature = directory_signature(Path(data_dir))
    atlas = _atlas(data_dir, signature)
except GeoError as error:
    st.error(f"Cannot place the events: {literal(str(error))}")
    st.stop()
except OSError as error:
    st.error(f"Cannot read dossiers from {literal(data_dir)}: {literal(str(error))}")
    st.stop()
filters = st.sidebar.container()  # above the context layer's controls, filled below
context_key, context = _context(data_dir)
context_shown = _context_controls(context)
atlas_key = f"{data_dir}|{signature}"
if context_shown:  # its claimants and actors become filter options
    atlas_key = f"{atlas_key}|{context_key}"
    atlas = _atlas_with_context(data_dir, signature, atlas_key, context)
_seed_from_url(atlas)
# What stands above the map comes and goes with the filters (notices, the placing line, an
# empty result's way out). In one container it takes one place on the page however much it
# holds, so the map below keeps its place, and its iframe: a filter change redraws the
# marks instead of loading a new map.
with st.container():
    st.html(PAGE_CSS)
    st.title("Event Atlas")
    if sample_notice:
        st.warning(literal(sample_notice))
    _sources(atlas)
    query = mapview.canonical_query(atlas, _sidebar_query(atlas, filters))
    _show_problems_and_notices(atlas, query)
    shown = _context_layer(atlas_key, context, atlas, query) if context_shown else None
    _showing(atlas, _view(atlas_key, atlas, query), query, context_rows=len(shown.rows) if shown else 0)
    if shown is not None:
        st.caption(shown.summary)
        _upload_dates(context, query)
_map_details_table(atlas_key, atlas, query, (context, shown) if shown else None)
_exports(atlas_key, atlas, query, context if context_shown else None)
