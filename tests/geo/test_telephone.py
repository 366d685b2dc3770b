"""Telephone numbers as clues to where an article is: area codes to states and provinces."""

import importlib.util
from collections import Counter
from pathlib import Path

import pytest

from geo.gazetteer import Gazetteer
from geo.place import Precision
from geo.resolution import ArticleContext, place_from_name
from geo.telephone import AREA_CODES_FILE, region_of_number_after, regions_of_numbers

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("text", "regions"),
    [
        ("Call police at 519-661-5670 or Crime Stoppers at 1-800-222-8477.", {("CA", "08"): 1}),
        ("Appointments: (304) 399-6500 or 304.766.3413 (or 304-766-3414).", {("US", "WV"): 3}),
        ("Tickets at 806-423-1253; the DMV at 212 555 0147 is closed.", {("US", "TX"): 1, ("US", "NY"): 1}),
        # Toll-free codes serve no state; dates, ISBNs and longer numbers are no telephone numbers.
        ("Call 1-888-310-1122 before 2016-05-02.", {}),
        ("ISBN 978-3-16-148410-0, account 12304-399-6500.", {}),
    ],
)
def test_numbers_give_the_state_or_province_of_their_area_code(text: str, regions: dict[tuple[str, str], int]) -> None:
    assert regions_of_numbers(text) == Counter(regions)


@pytest.mark.parametrize(
    ("name", "text", "geonameid"),
    [
        # A bare "London" is England's; with an Ontario number it is London, Ontario.
        ("London", "A man was stabbed on Sunday, London police said.", 2643743),
        ("London", "A man was stabbed on Sunday, London police said. Call 519-661-5670.", 6058560),
        ("Huntington", "Call the cancer center in Huntington at 304-399-6500.", 4809537),
    ],
)
def test_an_articles_numbers_say_which_town_of_a_shared_name_it_means(
    index: Gazetteer, name: str, text: str, geonameid: int
) -> None:
    place = place_from_name(name, ArticleContext.from_text(text))
    assert (place.geonameid, place.precision) == (geonameid, Precision.CITY)


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("Huntington at 304-399-6500", ("US", "WV")),
        ("Huntington, (304) 399-6500", ("US", "WV")),
        ("Huntington: 304.399.6500", ("US", "WV")),
        ("Huntington (519-661-5670)", ("CA", "08")),
        # Not right after the name: other words, a sentence's end, a toll-free or longer number.
        ("Huntington police at 304-399-6500", None),
        ("Huntington. Call 304-399-6500", None),
        ("Huntington at 1-888-310-1122", None),
        ("Huntington at 304-399-65001", None),
    ],
)
def test_a_number_right_after_a_name_gives_its_region(text: str, region: tuple[str, str] | None) -> None:
    assert region_of_number_after(text, len("Huntington")) == region


@pytest.mark.parametrize(
    ("text", "name", "geonameid"),
    [
        # The article's other places and numbers are elsewhere; the number printed right after
        # the name says which of its namesakes it is.
        ("Doctors from Columbus and Dayton met. Call the clinic in Springfield at 413-555-0134, "
         "or Ohio State at 614-555-0100 and 614-555-0101.", "Springfield", 4951788),  # Massachusetts, not Ohio
        ("Call the cancer center in Huntington at 304-399-6500. Volunteers came from Long Island, "
         "New York, Brooklyn and Queens; call 212-555-0100 or 718-555-0101.", "Huntington", 4809537),  # W. Va.
        ("The office in Portland (207-555-0134) shares staff with Seattle (206-555-0100) and "
         "Tacoma (253-555-0101).", "Portland", 4975802),  # Maine, not Oregon
        ("The clinic in Springfield: 217.555.0134. Doctors from Columbus and Dayton at "
         "614-555-0100 met there.", "Springfield", 4250542),  # Illinois
    ],
)
def test_a_number_printed_right_after_a_name_says_which_town_it_is(
    index: Gazetteer, text: str, name: str, geonameid: int
) -> None:
    place = place_from_name(name, ArticleContext.from_text(text))
    assert (place.geonameid, place.precision) == (geonameid, Precision.CITY)


def test_build_script_rebuilds_the_shipped_area_codes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = importlib.util.spec_from_file_location("build_area_codes", REPO_ROOT / "scripts" / "build_area_codes.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    monkeypatch.setattr(script, "OUT", tmp_path / AREA_CODES_FILE.name)
    monkeypatch.setattr(script, "REPO_ROOT", tmp_path)
    script.main()
    assert (tmp_path / AREA_CODES_FILE.name).read_bytes() == AREA_CODES_FILE.read_bytes()
