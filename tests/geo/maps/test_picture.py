"""The static briefing renderer: sizes, where the colours land, literal text, long lists."""

from __future__ import annotations

import io
import re
from pathlib import Path

import matplotlib
import pytest
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.ft2font import LoadFlags
from PIL import Image
from pypdf import PdfReader

from geo.maps.fonts import FALLBACK_FILE, Face, font_files, has_glyphs
from geo.maps.leaflet import LegendEntry, LegendKind, MapItem
from geo.maps.marks import Fill, MarkLook
from geo.maps.picture import (
    CREDITS,
    ELLIPSIS,
    SLIDE_PARAGRAPH_LINES,
    Claim,
    Entry,
    Picture,
    Sheet,
    figures,
    fitted,
    literal,
    map_pixel,
    picture_bytes,
    shortened,
    wrapped,
    _entry_block,
    _quote_font,
    _regular,
)

from map_fixtures import ALEPPO, PALMYRA, RAQQA_PROVINCE, SYRIA

BLUE, ORANGE = "#0072B2", "#D55E00"
FULL = MarkLook(fill=Fill.FULL, area_opacity=0.45, width=3.0)
DASHED = MarkLook(fill=Fill.NONE, area_opacity=0.06, dash=(6.0, 3.0), width=2.5)


def _entry(number: int, item: MapItem, claimant: str = "Sky News") -> Entry:
    return Entry(number=number, item=item, heading=item.title, facts="March 2016 · somewhere (city)",
                 claims=(Claim(source=f"{claimant} · Leaked documents · Unverified", quote="Their own words."),))


TWO_CITIES = Picture(
    title="Two cities",
    description="No filters",
    entries=(
        _entry(1, MapItem(id="aleppo", title="Event in Aleppo", place=ALEPPO, colour=BLUE, look=FULL, symbol="✈")),
        _entry(2, MapItem(id="palmyra", title="Event in Palmyra", place=PALMYRA, colour=ORANGE, look=FULL,
                            symbol="⚔")),
    ),
    legend=(LegendEntry(kind=LegendKind.COLOUR, value=BLUE, label="Official statement"),
            LegendEntry(kind=LegendKind.COLOUR, value=ORANGE, label="Leaked documents"),
            LegendEntry(kind=LegendKind.COLOUR, value="#009E73", label="Photo or video"),
            LegendEntry(kind=LegendKind.LOOK, look=FULL, label="Confirmed"),
            LegendEntry(kind=LegendKind.LOOK, look=DASHED, label="Alleged")),
    sources=("“An article”, A publisher, 2 May 2016",),
)


def _png(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data)).convert("RGB")


def _pdf_text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def _near(colour: str, pixel: tuple[int, int, int], tolerance: int = 40) -> bool:
    wanted = tuple(int(colour[k:k + 2], 16) for k in (1, 3, 5))
    return all(abs(a - b) <= tolerance for a, b in zip(wanted, pixel, strict=True))


def _colour_around(image: Image.Image, at: tuple[float, float], colour: str, reach: int) -> int:
    x0, y0 = round(at[0]), round(at[1])
    return sum(_near(colour, image.getpixel((x, y)))  # type: ignore[arg-type]
               for x in range(x0 - reach, x0 + reach + 1) for y in range(y0 - reach, y0 + reach + 1))


@pytest.mark.parametrize(("sheet", "size"), [(Sheet.SLIDE, (1920, 1080)), (Sheet.SLIDE_2X, (3840, 2160))])
def test_a_slide_is_a_16_by_9_png_of_the_promised_size(sheet: Sheet, size: tuple[int, int]) -> None:
    data = picture_bytes(TWO_CITIES, sheet)
    assert data.startswith(b"\x89PNG")
    assert _png(data).size == size


@pytest.mark.parametrize("sheet", [Sheet.SLIDE, Sheet.SLIDE_2X])
def test_each_event_colour_stands_where_its_event_is(sheet: Sheet) -> None:
    image = _png(picture_bytes(TWO_CITIES, sheet))
    reach = 8 * sheet.dpi // 100
    aleppo, palmyra = map_pixel(TWO_CITIES, sheet, ALEPPO), map_pixel(TWO_CITIES, sheet, PALMYRA)
    assert _colour_around(image, aleppo, BLUE, reach) > 20
    assert _colour_around(image, palmyra, ORANGE, reach) > 20
    assert _colour_around(image, aleppo, ORANGE, reach) == 0
    assert _colour_around(image, palmyra, BLUE, reach) == 0


@pytest.mark.parametrize(("sheet", "points"), [(Sheet.A4, (595, 842)), (Sheet.LETTER, (612, 792))])
def test_a_page_is_a_pdf_of_the_paper_size_with_real_text(sheet: Sheet, points: tuple[int, int]) -> None:
    data = picture_bytes(TWO_CITIES, sheet)
    page = PdfReader(io.BytesIO(data)).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == points
    text = _pdf_text(data)
    for words in ("Two cities", "Event in Aleppo", "Event in Palmyra", "Sky News", "Their own words.",
                  " ".join(CREDITS.split())):
        assert words in text


def test_pdf_fonts_are_embedded_truetype() -> None:
    reader = PdfReader(io.BytesIO(picture_bytes(TWO_CITIES, Sheet.A4)))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    kinds = {fonts[name].get_object()["/Subtype"] for name in fonts}
    assert kinds <= {"/TrueType", "/Type0"}
    descriptors = [fonts[name].get_object().get("/FontDescriptor") for name in fonts]
    assert all(d is None or "/FontFile2" in d.get_object() for d in descriptors)


def test_the_legend_lists_only_what_is_drawn() -> None:
    text = _pdf_text(picture_bytes(TWO_CITIES, Sheet.A4))
    assert "Official statement" in text and "Leaked documents" in text and "Confirmed" in text
    assert "Photo or video" not in text
    assert "Alleged" not in text
    assert "movement" not in text


def test_regions_countries_and_movements_are_drawn_and_named_in_the_legend() -> None:
    picture = Picture(title="Kinds", entries=(
        _entry(1, MapItem(id="move", title="A movement", place=PALMYRA, origin=PALMYRA,
                          destination=RAQQA_PROVINCE, colour=ORANGE, look=DASHED)),
        _entry(2, MapItem(id="whole", title="A whole country", place=SYRIA, colour=BLUE)),
    ))
    text = _pdf_text(picture_bytes(picture, Sheet.A4))
    assert "movement, origin to destination" in text
    assert "region (shaded; no point known)" in text
    assert "whole country (faint shading; no place known)" in text


def test_the_same_picture_gives_the_same_bytes() -> None:
    assert picture_bytes(TWO_CITIES, Sheet.A4) == picture_bytes(TWO_CITIES, Sheet.A4)
    assert picture_bytes(TWO_CITIES, Sheet.SLIDE) == picture_bytes(TWO_CITIES, Sheet.SLIDE)


MARKUP = "$x$ ${a} \\alpha C:\\data\\2024 <b>bold</b> _under_ **star** {{ 7*7 }} %s"


def test_markup_of_every_kind_is_drawn_as_written() -> None:
    picture = Picture(title=MARKUP, description=MARKUP, entries=(
        _entry(1, MapItem(id="x", title=MARKUP, place=ALEPPO, colour=BLUE), claimant=MARKUP),))
    text = _pdf_text(picture_bytes(picture, Sheet.A4))
    assert text.count(MARKUP) >= 3
    picture_bytes(picture, Sheet.SLIDE)  # mathtext would raise on "${a}"; nothing is parsed


def test_forty_events_fit_a_slide_legibly_and_all_are_listed_in_the_pdf() -> None:
    entries = tuple(_entry(k, MapItem(id=f"e{k}", title=f"Event number {k} with a title of some length",
                                      place=ALEPPO if k % 2 else PALMYRA, colour=BLUE))
                    for k in range(1, 41))
    picture = Picture(title="Forty", entries=entries)
    assert _png(picture_bytes(picture, Sheet.SLIDE)).size == (1920, 1080)
    text = _pdf_text(picture_bytes(picture, Sheet.A4))
    assert all(f"Event number {k} with a title of some length" in text for k in range(1, 41))


def test_a_list_too_long_for_a_slide_says_how_many_it_leaves_out() -> None:
    entries = tuple(_entry(k, MapItem(id=f"e{k}", title=" ".join(["A long title"] * 8), place=ALEPPO,
                                      colour=BLUE)) for k in range(1, 121))
    from geo.maps.picture import _MapPlan, _slide_list

    listing = _slide_list(entries, 500, 600, (12.5, 11.5, 10.5, 9.5))
    listed = sum(len(column) for column in listing.columns)
    assert 0 < listed < 120
    assert listing.left_out == tuple(range(listed + 1, 121))
    assert _MapPlan.of(Picture(title="t", entries=entries)).numbers["e120"] == 120


def test_an_empty_picture_is_a_message_not_an_empty_map() -> None:
    picture = Picture(title="Nothing", empty_message="No events match these filters.")
    text = _pdf_text(picture_bytes(picture, Sheet.A4))
    assert "No events match these filters." in text
    assert "Legend" not in text
    assert _png(picture_bytes(picture, Sheet.SLIDE)).size == (1920, 1080)


def test_text_is_one_line_of_literal_characters() -> None:
    assert literal("a\nb\tc\x00d\u2028e  f") == "a b c d e f"
    assert literal("\u202egnp.exe \u2067שלום\u2069") == "gnp.exe שלום"


def test_a_shortened_quote_ends_with_an_ellipsis_at_a_word() -> None:
    assert shortened("one two three four five six", 15) == f"one two three{ELLIPSIS}"
    assert shortened("short", 15) == "short"


def test_wrapping_never_drops_a_character() -> None:
    font = _regular(10)
    text = "a" * 200 + " words that wrap " + "b" * 50
    lines = wrapped(text, font, 120)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert fitted(text, font, 120).endswith(ELLIPSIS)


CJK_TITLE = "叙利亚文件 シリアの文書 시리아 문서"
ARABIC = "قال مصدر في حلب"


@pytest.mark.parametrize("face", ["regular", "bold", "oblique"])
def test_every_face_has_glyphs_for_cjk_cyrillic_greek_and_hebrew(face: Face) -> None:
    assert has_glyphs(face, f"{CJK_TITLE} Жук Αθήνα שלום")
    assert not has_glyphs(face, "\U0001D11E")  # a musical symbol no font here has: the check can fail


def test_text_is_set_in_matplotlibs_own_dejavu_then_the_cjk_fallback() -> None:
    data_dir = Path(matplotlib.get_data_path()).resolve()
    for face in ("regular", "bold", "oblique"):
        first, fallback = font_files(face)
        assert Path(first).resolve().parent.parent.parent == data_dir  # mpl-data/fonts/ttf: same bytes anywhere
        assert Path(fallback) == FALLBACK_FILE


def test_a_cjk_title_is_real_text_in_an_embedded_font() -> None:
    data = picture_bytes(TWO_CITIES.model_copy(update={"title": CJK_TITLE}), Sheet.A4)
    assert CJK_TITLE in _pdf_text(data)
    fonts = PdfReader(io.BytesIO(data)).pages[0]["/Resources"]["/Font"]
    embedded = {}
    for name in fonts:
        font = fonts[name].get_object()
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        descriptor = descendant["/FontDescriptor"].get_object()
        embedded[str(descendant["/BaseFont"]).split("+")[-1]] = "/FontFile2" in descriptor
    assert embedded.get("WenQuanYiMicroHei") is True and all(embedded.values())


def test_right_to_left_words_are_joined_and_ordered_for_display() -> None:
    font = font_manager.get_font(list(font_files("regular")))
    font.set_size(12, 72)
    glyphs = [font.get_glyph_name(item.glyph_index) for item in font._layout("سلام", LoadFlags.NO_HINTING)]
    # Seen, lam, alef, meem read from the right: meem leftmost, then lam-alef joined, then initial seen.
    assert glyphs == ["uni0645", "uniFEFC", "uniFEB3"]


def test_an_arabic_quote_is_set_upright_the_oblique_face_having_no_arabic() -> None:
    assert _quote_font(ARABIC, 9).face == "regular"
    assert _quote_font("Their own words.", 9).face == "oblique"


def test_each_wrapped_line_keeps_its_paragraphs_direction() -> None:
    font = _regular(10)
    lines = wrapped(f"Strike on the hospital {ARABIC} {ARABIC} and more words after it", font, 120)
    assert lines[0].startswith("Strike")
    # A line starting in Arabic inside an English paragraph starts with a left-to-right mark.
    assert all(line[0] == "\u200e" for line in lines[1:] if line[:1] in "قمفح")
    assert any(line[0] == "\u200e" for line in lines)
    assert "".join(lines).replace("\u200e", "").replace(" ", "") == (
        f"Strike on the hospital {ARABIC} {ARABIC} and more words after it".replace(" ", ""))
    assert all("\u200e" not in line for line in wrapped(f"{ARABIC} {ARABIC} {ARABIC}", font, 60))
    # The picture's own label lines read left to right even when a claimant is named in Arabic.
    assert wrapped(f"{ARABIC} · Official statement · Confirmed", font, 500, direction="L") == [
        f"\u200e{ARABIC} · Official statement · Confirmed"]
    block = _entry_block(_entry(1, TWO_CITIES.entries[0].item, claimant=ARABIC), 400, 10, 0)
    assert f"\u200e{ARABIC} · Leaked documents · Unverified" in [text for _, text, _ in block.lines]


def _overlapping_texts(figure: Figure) -> list[tuple[str, str]]:
    """Pairs of the sheet's texts whose drawn extents overlap, and texts past the sheet's edge."""
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    texts = [(text.get_text(), text.get_window_extent(renderer).shrunk(0.98, 0.9)) for text in figure.texts
             if text.get_text().strip()]
    sheet = figure.bbox
    clashes = [(a, "edge of the sheet") for a, box in texts
               if box.x0 < sheet.x0 or box.y0 < sheet.y0 or box.x1 > sheet.x1 or box.y1 > sheet.y1]
    for k, (a, first) in enumerate(texts):
        clashes += [(a, b) for b, second in texts[k + 1:] if first.overlaps(second)]
    return clashes


def _one_long_event(words: int) -> Picture:
    heading = " ".join(f"w{k}" for k in range(words))
    item = MapItem(id="aleppo", title="long", place=ALEPPO, colour=BLUE, look=FULL, symbol="✈")
    entry = Entry(number=1, item=item, heading=heading, facts="March 2016 · Aleppo (city)",
                  claims=(Claim(source="Sky News · Leaked documents · Unverified", quote="Their own words."),))
    return TWO_CITIES.model_copy(update={"entries": (entry,)})


@pytest.mark.parametrize("sheet", [Sheet.A4, Sheet.LETTER])
def test_an_event_taller_than_a_page_goes_on_over_the_pages_without_overlapping(sheet: Sheet) -> None:
    picture = _one_long_event(2500)
    pages = figures(picture, sheet)
    assert len(pages) >= 3
    for page in pages:
        assert _overlapping_texts(page) == []
    text = _pdf_text(picture_bytes(picture, sheet))
    words = [word for word in text.split() if re.fullmatch(r"w\d+", word)]
    assert words == [f"w{k}" for k in range(2500)]  # every word, once, in order
    assert text.count(f"{ELLIPSIS} continued") == text.count(f"(continued) {ELLIPSIS}") >= 2
    assert "Sky News · Leaked documents · Unverified" in text and "Their own words." in text
    assert f"Page {len(pages)} of {len(pages)}" in text


def test_an_event_too_long_for_a_slide_is_cut_with_an_ellipsis_and_nothing_overlaps() -> None:
    picture = _one_long_event(2500)
    (slide,) = figures(picture, Sheet.SLIDE)
    assert _overlapping_texts(slide) == []
    drawn = [text.get_text() for text in slide.texts]
    heading = [line for line in drawn if re.match(r"w\d+", line)]
    assert 1 <= len(heading) <= SLIDE_PARAGRAPH_LINES and heading[-1].endswith(ELLIPSIS)
    assert "Sky News · Leaked documents · Unverified" in drawn


@pytest.mark.parametrize("sheet", [Sheet.SLIDE, Sheet.A4])
def test_the_sample_layout_has_no_overlapping_text(sheet: Sheet) -> None:
    for page in figures(TWO_CITIES, sheet):
        assert _overlapping_texts(page) == []


FIRST_ARTICLE, SECOND_ARTICLE = "“Deals with ISIS”, Global News, 2 May 2016", "“Aleppo hospital hit”, MSF, 28 April 2016"
TWO_ARTICLES = TWO_CITIES.model_copy(update={
    "entries": (TWO_CITIES.entries[0].model_copy(update={"article": SECOND_ARTICLE}),
                TWO_CITIES.entries[1].model_copy(update={"article": FIRST_ARTICLE})),
    "sources": (FIRST_ARTICLE, SECOND_ARTICLE)})


def test_each_event_names_its_own_article() -> None:
    packed = "".join(_pdf_text(picture_bytes(TWO_ARTICLES, Sheet.A4)).split())  # pypdf spaces some kerning

    def at(text: str) -> int:
        return packed.index("".join(text.split()))
    # The page lists each event's article after its claims, in full.
    assert at("Event in Aleppo") < at(f"Source: {SECOND_ARTICLE}") < at("Event in Palmyra")
    assert at("Event in Palmyra") < at(f"Source: {FIRST_ARTICLE}")
    # The slide names each by a letter that the footer spells out.
    (slide,) = figures(TWO_ARTICLES, Sheet.SLIDE)
    drawn = " ".join(text.get_text() for text in slide.texts)
    assert drawn.index("somewhere (city) · article B") < drawn.index("Palmyra") < drawn.index("(city) · article A")
    assert f"Articles: A {FIRST_ARTICLE}; B {SECOND_ARTICLE}" in drawn
