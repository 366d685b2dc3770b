"""Add an article: paste or upload it, review the drafted events, save them to the atlas.

A page of the Event Atlas app (``streamlit run dashboard.py``). It only wires widgets to
:mod:`events.intake` and renders what it returns. The review lives in the session, outside
any widget, so what the editor typed survives a rerun, a failed save, a bad upload and a
visit to the map. Article text reaches the page only as plain text or escaped markdown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
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
from events.model import DATE_FORMATS
from events.sourcing import DateKind, Evidence, EventType, Verification
from geo.maps import leaflet
from geo.place import Precision

EARLIEST = dt.date(1800, 1, 1)  # the date widget's own floor is ten years back
MEMORY = "intake:memory"  # widget values, kept while the widgets are off the page
DECISIONS = {Decision.UNDECIDED: "Undecided", Decision.ACCEPTED: "Accept", Decision.DROPPED: "Drop"}
# CommonMark lets any ASCII punctuation be backslash-escaped; escaping all of it also
# disarms Streamlit's `$...$` maths, `:colour[...]` directives and `:material/...:` icons.
_MARKDOWN_ESCAPES = {ord(c): "\\" + c for c in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"}


def _literal(text: str) -> str:
    """Markdown that shows ``text`` exactly as written."""
    return text.replace(":streamlit:", ":\u2060streamlit:").translate(_MARKDOWN_ESCAPES)


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
        ready = bool(st.session_state.article_text.strip() and st.session_state.publisher.strip())
        replaces = review is not None and not _kept(
            st.checkbox, "Draft again, replacing the events under review and the changes made to them",
            "redraft", False)
        st.button("Draft the events", type="primary", on_click=_draft, disabled=not ready or replaces,
                  help=None if ready else "Paste or upload the article and name its publisher first.")


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


def _card(review: Review, card: Card, check: Check) -> Review:
    number = review.number(card.id)
    with st.container(border=True):
        st.markdown(f"**{number}. {_literal(card.raw['title'])}**  \n"
                    f"{card.confidence:.0%} sure · {_literal(str(card.raw['event_type']))} · "
                    f"{_literal(str(card.raw['date']))}")
        decision = st.radio("Decision", list(DECISIONS), format_func=DECISIONS.__getitem__, horizontal=True,
                            key=_seeded(_key(card, "decision"), card.decision), label_visibility="collapsed")
        if decision != card.decision:
            review = decided(review, card.id, decision)
        st.markdown("  \n".join(f"- {_literal(line)}" for line in glance(card)))
        st.caption(_literal(place_line(card)))
        for problem in check.of_event(card.id):
            st.error(_literal(str(problem)))
        if decision is not Decision.DROPPED:
            with st.expander("Edit this event"):
                review = _editor(review, card)
    return review


def _editor(review: Review, card: Card) -> Review:
    raw = card.raw
    for field, widget, options in (
        ("title", st.text_input, {}),
        ("summary", st.text_area, {"height": 100}),
        ("date", st.text_input, {"help": f"As precise as the article: {DATE_FORMATS}"}),
    ):
        value = widget(field.capitalize(), key=_seeded(_key(card, field), raw[field]), **options)
        if value != raw[field]:
            review = with_event_field(review, card.id, field, value)
    review = _choice(review, card, "event_type", "Event type", list(EventType))
    review = _choice(review, card, "date_kind", "The date is when it", list(DateKind))
    actors = st.text_input("Actors, separated by commas", key=_seeded(_key(card, "actors"), ", ".join(raw["actors"])))
    if [a.strip() for a in actors.split(",") if a.strip()] != list(raw["actors"]):
        review = with_event_field(review, card.id, "actors", actors.split(","))
    for index in range(len(raw["claims"])):
        review = _claim_editor(review, card, index)
    for index in range(len(raw["places"])):
        review = _place_editor(review, card, index)
    return review


def _choice(review: Review, card: Card, field: str, label: str, values: list[Any]) -> Review:
    current = str(card.raw[field])
    chosen = st.selectbox(label, [str(v) for v in values], key=_seeded(_key(card, field), current),
                          help="\n\n".join(f"**{v}**: {v.definition}" for v in values))
    st.caption(_literal(next(v.definition for v in values if str(v) == chosen)))
    return with_event_field(review, card.id, field, chosen) if chosen != current else review


def _claim_editor(review: Review, card: Card, index: int) -> Review:
    claim = card.raw["claims"][index]
    sure = f" (drafted {card.claim_confidence[index]:.0%} sure)" if index < len(card.claim_confidence) else ""
    st.markdown(f"**Claim {index + 1}**{sure}")
    claimant = st.text_input("Claimant", key=_seeded(_key(card, f"claim{index}:claimant"), claim["claimant"]))
    if claimant != claim["claimant"]:
        review = with_claim_field(review, card.id, index, "claimant", claimant)
    for field, vocabulary in (("evidence", Evidence), ("verification", Verification)):
        values = [str(v) for v in vocabulary]
        chosen = st.selectbox(field.capitalize(), values, key=_seeded(_key(card, f"claim{index}:{field}"), claim[field]),
                              help="\n\n".join(f"**{v}**: {v.definition}" for v in vocabulary))
        st.caption(_literal(vocabulary(chosen).definition))
        if chosen != claim[field]:
            review = with_claim_field(review, card.id, index, field, chosen)
    quote = claim["quote"]
    words = st.text_area("Quote: the article's own words (copy others from the text to change it)",
                         key=_seeded(_key(card, f"claim{index}:quote"), quote["text"]), height=80)
    if words.strip() != quote["text"]:
        span = quote_span(review.text, words, near=quote["start"])
        if span is None:
            st.error("These words are not in the article; copy them from the text exactly as written.")
        else:
            review = with_quote(review, card.id, index, *span)
    return review


def _place_editor(review: Review, card: Card, index: int) -> Review:
    ref = card.raw["places"][index]
    options = card.options.get(ref["name"], ())
    labels = [f"{option.label} ({option.precision})" for option in options] + ["Place it by hand"]
    chosen = card.chosen_option(index)
    picked = st.selectbox(f"Place: {ref['name']} ({ref.get('role', 'location')})", range(len(labels)),
                          format_func=labels.__getitem__,
                          key=_seeded(_key(card, f"place{index}"), len(options) if chosen is None else chosen))
    if picked < len(options):
        return with_place_option(review, card.id, index, picked) if picked != chosen else review
    at = ref.get("override") or (options[0].model_dump() if options else {"lat": 0.0, "lon": 0.0, "precision": "city"})
    lat_column, lon_column, precision_column = st.columns(3)
    lat = lat_column.number_input("Latitude", -90.0, 90.0, key=_seeded(_key(card, f"place{index}:lat"), at["lat"]),
                                  format="%.4f")
    lon = lon_column.number_input("Longitude", -180.0, 180.0, key=_seeded(_key(card, f"place{index}:lon"), at["lon"]),
                                  format="%.4f")
    precision = precision_column.selectbox("Precision", [str(p) for p in Precision],
                                           key=_seeded(_key(card, f"place{index}:precision"), str(at["precision"])))
    override = ref.get("override")
    if override is None or (override["lat"], override["lon"], override["precision"]) != (lat, lon, precision):
        review = with_place_by_hand(review, card.id, index, lat, lon, Precision(precision))
    return review


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
                    pieces.append(f":orange-background[{_literal(text)}] :orange-badge[{badge}] ")
                else:
                    pieces.append(_literal(text))
            st.markdown("".join(pieces))


def _draft_map(review: Review, check: Check) -> None:
    items = [map_item(placed) for placed in placed_drafts(review, check)]
    st.subheader("Where the events not dropped would be drawn")
    st_folium(leaflet.base_map(), feature_group_to_add=leaflet.feature_group_from_items(items), returned_objects=[],
              key="draft-map", height=380, use_container_width=True)


def _target(review: Review, data_dir: Path) -> Path:
    return data_dir / f"{review.article['id']}.yaml"


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
        st.error(_literal(message))
        return
    st.success(_literal(message))
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
    st.session_state.review = accept_undecided(review)


st.set_page_config(page_title="Add an article · Event Atlas", layout="wide")
st.title("Add an article")
stored: Review | None = st.session_state.get("review")
_article_inputs(stored)
if "intake:error" in st.session_state:
    st.error(_literal(st.session_state["intake:error"]))
if stored is None:
    st.info("Paste or upload an article, name its publisher and date, then draft its events.")
    st.stop()
data_dir = default_data_dir()
review = _article_fields(stored)
file = str(_target(review, data_dir))
for note in review.notes:
    st.info(_literal(note))
check = checked(review, file)
for problem in check.of_article:
    st.error(_literal(str(problem)))
left, right = st.columns([2, 3], gap="medium")
with right:
    st.subheader(f"{len(review.cards)} drafted events, the least sure first")
    st.button("Accept every undecided event", on_click=_accept_undecided)
    for card in review.cards:
        review = _card(review, card, check)
if review != stored:
    # Checked, highlighted and drawn as now edited: the run starts again from the new review.
    st.session_state.pop("intake:saved", None)
    st.session_state["review"] = review
    st.rerun()
with left:
    _article_text(review)
_draft_map(review, check)
_save(review, check, data_dir)
