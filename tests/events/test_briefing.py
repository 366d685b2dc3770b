"""Briefing pictures of a view: from a URL query to the PNG and PDF, on the command line too."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path

import pytest
import yaml
from PIL import Image
from pypdf import PdfReader

from events.__main__ import main
from events.briefing import briefing_file, briefing_picture, date_text, period_text
from events.context import directory_index
from events.dossier import default_data_dir
from events.mapview import Atlas, atlas_from_directory, with_context_options
from events.model import EventDate
from events.sourcing import DateKind, DatePrecision
from geo.maps.picture import CREDITS, Sheet, map_pixel
from tests.fixtures.hostile import HOSTILE, RIGHT_TO_LEFT, write_hostile_dossier

SAMPLE_QUERY = {"evidence": ["leaked-documents"]}
ARABIC = "قال مصدر في حلب إن الطائرات قصفت المستشفى"
HEBREW = "דובר הצבא אמר"
ACLED_EXPORT = """\
event_id_cnty,event_date,time_precision,event_type,sub_event_type,actor1,actor2,country,\
admin1,location,latitude,longitude,geo_precision,source,notes,fatalities
SYR1,2016-05-02,1,Explosions/Remote violence,Air/drone strike,Military Forces of Russia \
(2000-),Islamic State (Syria),Syria,Homs,Tadmur,34.5608,38.2805,1,SANA,Strikes near the citadel.,3
SYR2,2016-06-15,3,Explosions/Remote violence,Shelling/artillery/missile attack,Military \
Forces of Syria (2000-),,Syria,Ar-Raqqa,Ar-Raqqa,35.9528,39.0079,3,Step Agency,Shelling.,0
SYR3,2016-06-16,1,Battles,Armed clash,Hezbollah,,Syria,Homs,Tadmur,north,38.2805,1,SANA,,0
"""


@pytest.fixture(scope="module")
def sample() -> Atlas:
    return atlas_from_directory(default_data_dir())


def _pdf_text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_default_title_says_what_where_and_when(sample: Atlas) -> None:
    picture = briefing_picture(sample, SAMPLE_QUERY)
    assert picture.title == "Leaked documents, Syria, March–May 2016"
    assert picture.description == "Filters: evidence: Leaked documents · 3 of 13 article events"


def test_a_title_given_replaces_the_default(sample: Atlas) -> None:
    assert briefing_picture(sample, {}, title="Syria: what the documents say").title == "Syria: what the documents say"


@pytest.mark.parametrize(("first", "last", "text"), [
    (dt.date(2016, 3, 1), dt.date(2016, 5, 31), "March–May 2016"),
    (dt.date(2016, 3, 1), dt.date(2016, 3, 24), "March 2016"),
    (dt.date(2016, 1, 1), dt.date(2016, 12, 31), "2016"),
    (dt.date(2016, 11, 1), dt.date(2017, 2, 3), "November 2016–February 2017"),
])
def test_a_period_is_said_in_months(first: dt.date, last: dt.date, text: str) -> None:
    assert period_text(first, last) == text


@pytest.mark.parametrize(("date", "kind", "text"), [
    (EventDate(precision=DatePrecision.DAY, start=dt.date(2016, 3, 24)), DateKind.OCCURRED, "24 March 2016"),
    (EventDate(precision=DatePrecision.MONTH, start=dt.date(2016, 3, 1)), DateKind.OCCURRED, "March 2016"),
    (EventDate(precision=DatePrecision.DAY, start=dt.date(2016, 5, 2)), DateKind.REPORTED, "reported 2 May 2016"),
    (EventDate(precision=DatePrecision.UNKNOWN), DateKind.OCCURRED, "date unknown"),
])
def test_a_date_is_said_as_precisely_as_the_article_gives_it(date: EventDate, kind: DateKind, text: str) -> None:
    assert date_text(date, kind) == text


def test_every_event_shown_is_numbered_with_its_places_and_claims(sample: Atlas) -> None:
    picture = briefing_picture(sample, SAMPLE_QUERY)
    assert [entry.number for entry in picture.entries] == [1, 2, 3]
    first = picture.entries[0]
    assert first.facts == "March 2016 · Palmyra (city or town) → Raqqa province (region or province)"
    assert first.claims[0].source == "Sky News · Leaked documents · Unverified"
    assert first.claims[0].quote.startswith("Sky News said its investigation found evidence")
    assert picture.sources == ("“Investigation claims Syrian government is making deals with ISIS”, "
                               "Global News, 2 May 2016",)


def test_the_pdf_holds_the_title_every_event_and_claimant_and_the_credits(sample: Atlas) -> None:
    text = _pdf_text(briefing_file(sample, {}, Sheet.A4))
    picture = briefing_picture(sample, {})
    assert _flat(picture.title) in text
    for entry in picture.entries:
        assert _flat(entry.heading) in text
        for claim in entry.claims:
            assert _flat(claim.source) in text
    assert _flat(CREDITS) in text


def test_the_slide_shows_the_sample_events_in_their_colours_at_palmyra_and_aleppo(sample: Atlas) -> None:
    picture = briefing_picture(sample, {})
    image = Image.open(io.BytesIO(briefing_file(sample, {}, Sheet.SLIDE))).convert("RGB")
    assert image.size == (1920, 1080)
    palmyra = next(e.item.place for e in picture.entries if e.item.id == "palmyra-government-advance")
    aleppo = next(e.item.place for e in picture.entries if e.item.id == "aleppo-msf-hospital-bombing")
    # Palmyra: the government advance, a photo (green), reported (filled); Aleppo: allegations (black).
    assert _count(image, map_pixel(picture, Sheet.SLIDE, palmyra), (0, 158, 115), reach=14) > 30
    assert _count(image, map_pixel(picture, Sheet.SLIDE, aleppo), (0, 0, 0), reach=14) > 30


def _count(image: Image.Image, at: tuple[float, float], colour: tuple[int, int, int], reach: int) -> int:
    x0, y0 = round(at[0]), round(at[1])
    pixels = [image.getpixel((x, y)) for x in range(x0 - reach, x0 + reach + 1) for y in range(y0 - reach, y0 + reach + 1)]
    return sum(all(abs(a - b) <= 35 for a, b in zip(pixel, colour, strict=True)) for pixel in pixels)  # type: ignore[arg-type]


def _hostile_directory(tmp_path: Path) -> Path:
    """The hostile dossier, its drawn event's title made very long and right-to-left too."""
    write_hostile_dossier(tmp_path)
    dossier = yaml.safe_load((tmp_path / "hostile.yaml").read_text())
    dossier["events"][0]["title"] = f"{HOSTILE} {ARABIC} {HEBREW} " + "a very long title " * 30
    (tmp_path / "hostile.yaml").write_text(yaml.safe_dump(dossier, allow_unicode=True))
    return tmp_path


def test_a_hostile_dossier_is_drawn_literally_and_completely(tmp_path: Path) -> None:
    atlas = atlas_from_directory(_hostile_directory(tmp_path))
    text = _pdf_text(briefing_file(atlas, {}, Sheet.A4))
    # A word too long for a line is broken inside it, so compare without the spaces.
    packed = "".join(text.split())
    left_to_right = HOSTILE.replace(RIGHT_TO_LEFT, "")
    assert "".join(left_to_right.split()) in packed  # the second event's title, the claimant, the source
    assert "Probe {{ 7*7 }} end" in text and "Probe 49" not in text
    assert "gnp.exe" in text and "exe.png" not in text  # a direction override cannot spoof the order
    assert packed.count("verylongtitle") == 30
    for word in (ARABIC + " " + HEBREW + " שלום").split():  # right to left: each word whole, in visual order
        assert word in text
    for literal in ("$x$", "C:\\data\\2024", "${window.__pwned=1}", "**bold**", ":red[red]"):
        assert literal in text
    image = Image.open(io.BytesIO(briefing_file(atlas, {}, Sheet.SLIDE)))
    assert image.size == (1920, 1080)


def test_no_events_gives_a_clear_message(sample: Atlas) -> None:
    query = {"q": ["no event says this"]}
    text = _pdf_text(briefing_file(sample, query, Sheet.A4))
    assert "No events match these filters, so there is nothing to map." in text
    assert "Legend" not in text


def test_the_command_writes_the_same_file_as_the_app_for_the_same_query(sample: Atlas, tmp_path: Path) -> None:
    query = "evidence=leaked-documents&evidence=visual-evidence&since=2016-03-01"
    out = tmp_path / "briefing.pdf"
    assert main(["briefing", "--format", "pdf", "--query", query, "--out", str(out)]) == 0
    app_query = {"evidence": ["leaked-documents", "visual-evidence"], "since": ["2016-03-01"]}
    assert out.read_bytes() == briefing_file(sample, app_query, Sheet.A4)
    png = tmp_path / "briefing.png"
    assert main(["briefing", "--format", "png", "--size", "2x", "--query", query, "--out", str(png)]) == 0
    assert png.read_bytes() == briefing_file(sample, app_query, Sheet.SLIDE_2X)


def test_the_command_warns_of_query_values_it_ignores(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "b.png"
    assert main(["briefing", "--format", "png", "--query", "evidence=leak", "--out", str(out)]) == 0
    assert "warning: evidence: 'leak' is not one of" in capsys.readouterr().err
    assert Image.open(out).size == (1920, 1080)


def test_the_command_refuses_a_size_of_the_other_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["briefing", "--format", "png", "--size", "a4", "--out", str(tmp_path / "x")]) == 2
    assert "--size a4 is not a size of png: use 1x or 2x" in capsys.readouterr().err


def test_the_command_draws_the_data_directorys_context_layer_as_the_app_does(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    shutil.copytree(default_data_dir(), data)
    (data / "acled-syria.csv").write_text(ACLED_EXPORT, encoding="utf-8")
    out = tmp_path / "briefing.png"
    query = "since=2016-03-01"
    assert main(["briefing", "--format", "png", "--data", str(data), "--query", query, "--out", str(out)]) == 0
    assert "acled-syria.csv: row 4 (SYR3): latitude 'north' is not a number" in capsys.readouterr().err
    # What the dashboard does: the directory's layer through the store, its options in the filters.
    index = directory_index(data).result()
    atlas = with_context_options(atlas_from_directory(data), index.option_counts, index.date_bounds)
    app = briefing_file(atlas, {"since": ["2016-03-01"]}, Sheet.SLIDE, context=index)
    assert out.read_bytes() == app
    assert app != briefing_file(atlas, {"since": ["2016-03-01"]}, Sheet.SLIDE)  # the layer is drawn
