"""Add an article: paste or upload it, review the drafted events, save them to the atlas.

A page of the Event Atlas app (``streamlit run dashboard.py``). It only wires widgets to
:mod:`events.intake` and renders what it returns. The review lives in the session, outside
any widget, so what the editor typed survives a rerun, a failed save, a bad upload and a
visit to the map. Article text reaches the page only as plain text or escaped markdown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit_folium import st_folium

from events.dossier import default_data_dir
from events.intake import draft_article, extract_article, write_dossier
from events.intake.exceptions import DossierExists, IntakeError
from events.intake.review import (
    Card,
    Check,
    Decision,
    Review,
    accept_undecided,
    checked,
    decided,
    dossier_to_save,
    glance,
    marked_article,
    place_line,
    placed_drafts,
    quote_span,
    review_from_draft,
    with_article_field,
    with_claim_field,
    with_event_field,
    with_place_by_hand,
    with_place_option,
    with_quote,
)
from events.mapview import map_item
from events.markdown import literal
from events.model import DATE_FORMATS
from events.sourcing import DateKind, Evidence, EventType, Verification, Vocabulary
from geo.maps import leaflet
from geo.place import Precision

EARLIEST = dt.date(1800, 1, 1)  # the date widget's own floor is ten years back
MEMORY = "intake:memory"  # widget values, kept while the widgets are off the page
DECISIONS = {Decision.UNDECIDED: "Undecided", Decision.ACCEPTED: "Accept", Decision.DROPPED: "Drop"}


def _memory() -> dict[str, Any]:
    memory: dict[str, Any] = st.session_state.setdefault(MEMORY, {})
    return memory


def _kept(widget: Callable[..., Any], label: str, key: str, default: Any, **options: Any) -> Any:
    """A widget whose value outlives it: Streamlit forgets a widget's state once it is off the page."""
    if key not in st.session_state:
        st.session_state[key] = _memory().get(key, default)
    value = widget(label, key=key, **options)
    _memory()[key] = value
    return value


def _set(key: str, value: Any) -> None:
    """Set a widget's value from a callback, and remember it."""
    st.session_state[key] = value
    _memory()[key] = value


# ---------------------------------------------------------------- the article, before the draft


def _uploaded() -> None:
    """A new upload fills the text and the metadata it carries; a bad one changes nothing."""
    upload = st.session_state.get("upload")
    if upload is None:
        return
    try:
        extracted = extract_article(upload.getvalue(), upload.name)
    except IntakeError as error:
        st.session_state["intake:error"] = f"{upload.name}: {error}"
        return
    st.session_state.pop("intake:error", None)
    _set("article_text", extracted.text)
    for key in ("title", "url", "publisher"):
        if getattr(extracted, key):
            _set(key, getattr(extracted, key))
    if extracted.published:
        _set("published", extracted.published)


def _draft() -> None:
    """Draft the events of the article as typed; on an error, say so and keep everything."""
    state = st.session_state
    try:
        draft = draft_article(state.article_text, publisher=state.publisher.strip(), published=state.published,
                              title=state.title.strip() or None, url=state.url.strip() or None)
    except IntakeError as error:
        state["intake:error"] = str(error)
        return
    state.pop("intake:error", None)
    review = review_from_draft(draft, default_data_dir())
    state["review"] = review
    state["intake:generation"] = state.get("intake:generation", 0) + 1
    state.pop("intake:saved", None)
    _set("redraft", False)
    _set("title", review.article["title"])
    _set("url", review.article.get("url") or "")


def _article_inputs(review: Review | None) -> None:
    with st.expander("The article", expanded=review is None):
        st.file_uploader("Upload a .txt, .md or .html file, or paste the text below", type=["txt", "md", "html", "htm"],
                         key="upload", on_change=_uploaded)
        _kept(st.text_area, "Article text", "article_text", "", height=220,
              placeholder="Paste the article's text here, exactly as published.")
        publisher, published, title, url = st.columns(4)
        _kept(publisher.text_input, "Publisher", "publisher", "")
        _kept(published.date_input, "Published", "published", dt.date.today(), min_value=EARLIEST, format="YYYY-MM-DD")
        _kept(title.text_input, "Title", "title", "", placeholder="default: the first line")
        _kept(url.text_input, "URL", "url", "")
        state = st.session_state
        ready = bool(state.article_text.strip() and state.publisher.strip() and state.published)
        replaces = review is not None and not _kept(
            st.checkbox, "Draft again, replacing the events under review and the changes made to them",
            "redraft", False)
        st.button("Draft the events", type="primary", on_click=_draft, disabled=not ready or replaces,
                  help=None if ready else "Paste or upload the article, and give its publisher and date first.")


def _article_fields(review: Review) -> Review:
    """The article's metadata as now typed above (title, publisher, date, URL)."""
    for field in ("title", "publisher", "url"):
        review = with_article_field(review, field, st.session_state[field].strip())
    published = st.session_state.published
    return with_article_field(review, "published", published.isoformat() if published else "")


# ---------------------------------------------------------------- the review


def _key(card: Card, name: str) -> str:
    return f"{st.session_state.get('intake:generation', 0)}:{card.id}:{name}"


def _seeded(key: str, value: Any) -> str:
    if key not in st.session_state:
        st.session_state[key] = value
    return key


Change = Callable[[Review, Any], Review]


def _edit(card: Card, name: str, value: Any, change: Change) -> dict[str, Any]:
    """A card widget's options: its key, seeded with ``value``, and a callback that applies
    ``change`` to the review with the widget's new value before the run that draws it."""
    key = _seeded(_key(card, name), value)
    return {"key": key, "on_change": _apply, "args": (key, change)}


def _apply(key: str, change: Change) -> None:
    _changed(change(st.session_state.review, st.session_state[key]))


def _changed(review: Review) -> None:
    """The review as edited; the word on the last save no longer describes it."""
    st.session_state.review = review
    st.session_state.pop("intake:saved", None)


def _card(review: Review, card: Card, check: Check) -> None:
    with st.container(border=True):
        st.markdown(f"**{review.number(card.id)}. {literal(card.raw['title'])}**  \n"
                    f"{card.confidence:.0%} sure · {literal(_type_label(card.raw['event_type']))} · "
                    f"{literal(str(card.raw['date']))}")
        st.radio("Decision", list(DECISIONS), format_func=DECISIONS.__getitem__, horizontal=True,
                 label_visibility="collapsed", **_edit(card, "decision", card.decision, partial(_decided, card.id)))
        st.markdown("  \n".join(f"- {literal(line)}" for line in glance(card)))
        st.caption(literal(place_line(card)))
        for problem in check.of_event(card.id):
            st.error(literal(str(problem)))
        if card.decision is not Decision.DROPPED:
            with st.expander("Edit this event"):
                _editor(review, card)


def _type_label(value: str) -> str:
    return EventType(value).label if value in set(EventType) else value


def _decided(event_id: str, review: Review, decision: Decision) -> Review:
    return decided(review, event_id, decision)


def _event_field(event_id: str, field: str, review: Review, value: str) -> Review:
    return with_event_field(review, event_id, field, value.split(",") if field == "actors" else value)


def _claim_field(event_id: str, index: int, field: str, review: Review, value: str) -> Review:
    return with_claim_field(review, event_id, index, field, value)


def _quote(event_id: str, index: int, review: Review, words: str) -> Review:
    """The claim quoting the words typed, where they stand nearest the old quote; else unchanged."""
    old = review.card(event_id).raw["claims"][index]["quote"]
    span = quote_span(review.text, words, near=old["start"])
    return review if span is None else with_quote(review, event_id, index, *span)


def _editor(review: Review, card: Card) -> None:
    raw = card.raw
    st.text_input("Title", **_edit(card, "title", raw["title"], partial(_event_field, card.id, "title")))
    st.text_area("Summary", height=100, **_edit(card, "summary", raw["summary"],
                                               partial(_event_field, card.id, "summary")))
    st.text_input("Date", help=f"As precise as the article gives it: {DATE_FORMATS}",
                  **_edit(card, "date", raw["date"], partial(_event_field, card.id, "date")))
    for field, label, vocabulary in (("event_type", "Event type", EventType), ("date_kind", "The date is", DateKind)):
        _choice(card, field, label, vocabulary, str(raw[field]), partial(_event_field, card.id, field))
    st.text_input("Actors, separated by commas",
                  **_edit(card, "actors", ", ".join(raw["actors"]), partial(_event_field, card.id, "actors")))
    for index in range(len(raw["claims"])):
        _claim_editor(review, card, index)
    for index in range(len(raw["places"])):
        _place_editor(card, index)


def _choice(card: Card, name: str, label: str, vocabulary: Vocabulary, value: str, change: Change) -> None:
    """A value of a vocabulary, with every definition in its help and the chosen one under it."""
    chosen = st.selectbox(label, [str(v) for v in vocabulary], format_func=lambda v: vocabulary(v).label,
                          help="\n\n".join(f"**{v.label}**: {v.definition}" for v in vocabulary),
                          **_edit(card, name, value, change))
    st.caption(literal(next(v.definition for v in vocabulary if str(v) == chosen)))


def _claim_editor(review: Review, card: Card, index: int) -> None:
    claim = card.raw["claims"][index]
    sure = f" (drafted {card.claim_confidence[index]:.0%} sure)" if index < len(card.claim_confidence) else ""
    st.markdown(f"**Claim {index + 1}**{sure}")
    st.text_input("Claimant", **_edit(card, f"claim{index}:claimant", claim["claimant"],
                                      partial(_claim_field, card.id, index, "claimant")))
    for field, vocabulary in (("evidence", Evidence), ("verification", Verification)):
        _choice(card, f"claim{index}:{field}", field.capitalize(), vocabulary, claim[field],
                partial(_claim_field, card.id, index, field))
    words = st.text_area("Quote: the article's own words (copy others from the text to change it)", height=80,
                         **_edit(card, f"claim{index}:quote", claim["quote"]["text"], partial(_quote, card.id, index)))
    if words.strip() != claim["quote"]["text"]:
        st.error("These words are not in the article; copy them from the text exactly as written.")


def _place_editor(card: Card, index: int) -> None:
    ref = card.raw["places"][index]
    options = card.options.get(ref["name"], ())
    labels = [f"{option.label} ({option.precision})" for option in options] + ["Place it by hand"]
    chosen = card.chosen_option(index)
    key = _seeded(_key(card, f"place{index}"), len(options) if chosen is None else chosen)
    picked = st.selectbox(f"Place: {ref['name']} ({ref.get('role', 'location')})", range(len(labels)),
                          format_func=labels.__getitem__, key=key, on_change=_choose_place,
                          args=(key, card.id, index))
    if picked < len(options):
        return
    # Where the place stands now, or nothing yet: a place no candidate fits is never put at 0, 0.
    at = ref.get("override") or {"lat": None, "lon": None, "precision": "city"}
    args = {"on_change": _by_hand, "args": (key, card.id, index)}
    lat, lon, precision = st.columns(3)
    lat.number_input("Latitude", -90.0, 90.0, format="%.4f", key=_seeded(f"{key}:lat", at["lat"]), **args)
    lon.number_input("Longitude", -180.0, 180.0, format="%.4f", key=_seeded(f"{key}:lon", at["lon"]), **args)
    precision.selectbox("Precision", [str(p) for p in Precision], key=_seeded(f"{key}:precision", str(at["precision"])), **args)
    if at["lat"] is None:
        st.caption("Give the latitude and longitude: the place is drawn once both are set.")


def _choose_place(key: str, event_id: str, index: int) -> None:
    """Another candidate; or by hand, starting from the candidate chosen until then."""
    review: Review = st.session_state.review
    card = review.card(event_id)
    options = card.options.get(card.raw["places"][index]["name"], ())
    picked = st.session_state[key]
    if picked < len(options):
        review = with_place_option(review, event_id, index, picked)
    elif (chosen := card.chosen_option(index)) is not None:
        here = options[chosen]
        review = with_place_by_hand(review, event_id, index, here.lat, here.lon, here.precision)
    for part in ("lat", "lon", "precision"):  # shown afresh from the new override
        st.session_state.pop(f"{key}:{part}", None)
    _changed(review)


def _by_hand(key: str, event_id: str, index: int) -> None:
    """The place at the coordinates and precision typed, once both coordinates are given."""
    lat, lon, precision = (st.session_state.get(f"{key}:{part}") for part in ("lat", "lon", "precision"))
    if lat is not None and lon is not None:
        _changed(with_place_by_hand(st.session_state.review, event_id, index, lat, lon, Precision(precision)))


def _article_text(review: Review) -> None:
    """The article with each kept event's quotes highlighted and numbered."""
    st.subheader("The article")
    st.caption("Highlighted: the words each event quotes, with its number.")
    with st.container(height=720):
        for paragraph in marked_article(review):
            pieces = []
            for text, numbers in paragraph:
                if numbers:
                    badge = ",".join(str(n) for n in numbers)
                    pieces.append(f":orange-background[{literal(text)}] :orange-badge[{badge}] ")
                else:
                    pieces.append(literal(text))
            st.markdown("".join(pieces))


def _draft_map(review: Review, check: Check) -> None:
    items = [map_item(placed) for placed in placed_drafts(review, check)]
    st.subheader("Where the events not dropped would be drawn")
    st_folium(leaflet.base_map(), feature_group_to_add=leaflet.feature_group_from_items(items), returned_objects=[],
              key="draft-map", height=380, use_container_width=True)


def _target(review: Review, data_dir: Path) -> Path:
    """The dossier's file, from the working directory when under it (as ``validate`` names files)."""
    path = data_dir / f"{review.article['id']}.yaml"
    return path.relative_to(Path.cwd()) if path.is_absolute() and path.is_relative_to(Path.cwd()) else path


def _save_now(data_dir: Path) -> None:
    """Write the accepted events; a refusal or a failure says why and keeps the review as it is."""
    review: Review = st.session_state.review
    dossier = dossier_to_save(review, checked(review, str(_target(review, data_dir))))
    if dossier is None:
        return
    try:
        path = write_dossier(data_dir, dossier.article, dossier.events, review.text,
                             overwrite=bool(st.session_state.get("replace")))
    except DossierExists as error:
        st.session_state["intake:saved"] = ("error", f"{error}. Tick the box naming it to replace it.")
    except (IntakeError, OSError) as error:
        st.session_state["intake:saved"] = ("error", f"Nothing was saved: {error}")
    else:
        st.session_state["intake:saved"] = ("success", f"Saved {len(dossier.events)} event(s) to {path}.")
        _set("replace", False)


def _save(review: Review, check: Check, data_dir: Path) -> None:
    target = _target(review, data_dir)
    dossier = dossier_to_save(review, check)
    accepted = len(review.accepted)
    st.subheader("Save")
    if accepted == 0:
        st.caption("Accept at least one event to save it.")
    elif dossier is None:
        st.caption("Fix the problems shown above to save.")
    exists = target.exists()
    replace = exists and _kept(st.checkbox, f"Replace the existing dossier {target}", "replace", False)
    st.button(f"Save {accepted} accepted event(s) to {target}", type="primary", on_click=_save_now,
              args=(data_dir,), disabled=dossier is None or (exists and not replace))
    outcome = st.session_state.get("intake:saved")
    if outcome is None:
        return
    kind, message = outcome
    if kind == "error":
        st.error(literal(message))
        return
    st.success(literal(message))
    st.page_link("dashboard.py", label="See them on the map")
    st.button("Add another article", on_click=_start_again)


def _start_again() -> None:
    """An empty page for the next article (offered once the review is saved)."""
    for key in ("review", "intake:saved", "intake:error", "article_text", "title", "url", "redraft", "replace"):
        st.session_state.pop(key, None)
        _memory().pop(key, None)


def _accept_undecided() -> None:
    review: Review = st.session_state.review
    for card in review.cards:
        if card.decision is Decision.UNDECIDED:
            st.session_state[_key(card, "decision")] = Decision.ACCEPTED
    _changed(accept_undecided(review))


st.set_page_config(page_title="Add an article · Event Atlas", layout="wide")
st.title("Add an article")
stored: Review | None = st.session_state.get("review")
_article_inputs(stored)
if "intake:error" in st.session_state:
    st.error(literal(st.session_state["intake:error"]))
if stored is None:
    st.info("Paste or upload an article, name its publisher and date, then draft its events.")
    st.stop()
data_dir = default_data_dir()
review = _article_fields(stored)
st.session_state["review"] = review
file = str(_target(review, data_dir))
for note in review.notes:
    st.info(literal(note))
check = checked(review, file)
for problem in check.of_article:
    st.error(literal(str(problem)))
left, right = st.columns([2, 3], gap="medium")
with right:
    st.subheader(f"{len(review.cards)} drafted events, the least sure first")
    st.button("Accept every undecided event", on_click=_accept_undecided)
    for card in review.cards:
        _card(review, card, check)
with left:
    _article_text(review)
_draft_map(review, check)
_save(review, check, data_dir)
