"""``python -m geo``: JSON out of resolve, resolve-spans and parse."""

import io
import json
from pathlib import Path

import pytest

from geo.cli import main
from geo.gazetteer import Gazetteer

TRNEWS = Path(__file__).resolve().parents[2] / ".." / "shared" / "geo-eval" / "trnews.jsonl"

DOCUMENT = {
    "doc_id": "sample-1",
    "text": "Fighters left Palmyra for Raqqa province, Syria, as Russian jets struck Aleppo.",
    "toponyms": [
        {"start": 14, "end": 21, "name": "Palmyra"},
        {"start": 26, "end": 40, "name": "Raqqa province"},
        {"start": 42, "end": 47, "name": "Syria"},
        {"start": 72, "end": 78, "name": "Aleppo"},
    ],
}


def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], argv: list[str], stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_resolve_prints_the_place_as_json(
    index: Gazetteer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(monkeypatch, capsys, ["resolve", "Palmyra", "--context", DOCUMENT["text"]])
    place = json.loads(out)
    assert code == 0
    assert (place["name"], place["country_code"], place["precision"], place["geonameid"]) == (
        "Tadmur", "SY", "city", 163808,
    )


def test_resolve_spans_answers_each_span_in_order(
    index: Gazetteer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(monkeypatch, capsys, ["resolve-spans"], json.dumps(DOCUMENT) + "\n")
    (line,) = out.splitlines()
    result = json.loads(line)
    assert code == 0 and result["doc_id"] == "sample-1"
    assert [(t["start"], t["name"], t["geonameid"], t["precision"]) for t in result["toponyms"]] == [
        (14, "Palmyra", 163808, "city"),
        (26, "Raqqa province", 172957, "region"),
        (42, "Syria", 163843, "country"),
        (72, "Aleppo", 170063, "city"),
    ]


def test_resolve_spans_writes_null_coordinates_for_unknown_names(
    index: Gazetteer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    document = {"doc_id": 7, "text": "Near Xyzzyville.", "toponyms": [{"start": 5, "end": 15, "name": "Xyzzyville"}]}
    _, out, _ = run(monkeypatch, capsys, ["resolve-spans"], json.dumps(document))
    assert json.loads(out)["toponyms"] == [
        {"start": 5, "end": 15, "name": "Xyzzyville", "lat": None, "lon": None, "geonameid": None, "precision": None}
    ]


def test_resolve_spans_reads_the_feature_word_after_a_given_span(
    index: Gazetteer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    document = {"doc_id": 8, "text": "Jets struck Homs province.", "toponyms": [{"start": 12, "end": 16, "name": "Homs"}]}
    _, out, _ = run(monkeypatch, capsys, ["resolve-spans"], json.dumps(document))
    (toponym,) = json.loads(out)["toponyms"]
    assert (toponym["name"], toponym["geonameid"], toponym["precision"]) == ("Homs", 169575, "region")


def test_resolve_spans_takes_the_given_spans_as_the_articles_places(
    index: Gazetteer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # In lower case the text's own parse finds no place; the spans given are the places,
    # so "kentucky" puts "paris" in Kentucky rather than in France.
    text = "police in the kentucky town of paris said"
    document = {"doc_id": 9, "text": text, "toponyms": [{"start": 14, "end": 22}, {"start": 31, "end": 36}]}
    _, out, _ = run(monkeypatch, capsys, ["resolve-spans"], json.dumps(document))
    kentucky, paris = json.loads(out)["toponyms"]
    assert (kentucky["name"], kentucky["geonameid"], kentucky["precision"]) == ("kentucky", 6254925, "region")
    assert (paris["name"], paris["geonameid"], paris["precision"]) == ("paris", 4303602, "city")


@pytest.mark.parametrize(
    ("town", "state", "geonameids"),
    [("Athens", "Georgia", (4180386, 4197000)), ("Berlin", "New Hampshire", (5083330, 5090174))],
)
def test_resolve_spans_reads_a_qualifier_whatever_the_order_of_the_given_spans(
    index: Gazetteer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    town: str, state: str, geonameids: tuple[int, int],
) -> None:
    text = f"{town}, {state} police said the {town} man was held."
    later = text.index(f" the {town} ") + 5
    toponyms = [  # the last first
        {"start": later, "end": later + len(town)},
        {"start": len(town) + 2, "end": len(town) + 2 + len(state)},
        {"start": 0, "end": len(town)},
    ]
    _, out, _ = run(monkeypatch, capsys, ["resolve-spans"], json.dumps({"doc_id": 10, "text": text, "toponyms": toponyms}))
    town_id, state_id = geonameids
    assert [t["geonameid"] for t in json.loads(out)["toponyms"]] == [town_id, state_id, town_id]


def test_resolve_spans_gives_each_mention_of_a_name_qualified_two_ways_its_own_place(
    index: Gazetteer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "Police in Portland, Ore., and in Portland, Maine, said the man had fled. Portland police said more."
    names = ["Portland", "Ore.", "Portland", "Maine", "Portland"]
    toponyms, at = [], 0
    for name in names:
        at = text.index(name, at)
        toponyms.append({"start": at, "end": at + len(name)})
        at += len(name)
    _, out, _ = run(monkeypatch, capsys, ["resolve-spans"], json.dumps({"doc_id": 11, "text": text, "toponyms": toponyms}))
    resolved = [(t["name"], t["geonameid"]) for t in json.loads(out)["toponyms"]]
    # Portland, Oregon; Oregon; Portland, Maine; Maine; the bare name is one of the two
    assert resolved[:4] == [("Portland", 5746545), ("Ore.", 5744337), ("Portland", 4975802), ("Maine", 4971068)]
    assert resolved[4][1] in (5746545, 4975802)


def test_parse_finds_the_place_names_itself(
    index: Gazetteer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    document = {**DOCUMENT, "toponyms": []}
    _, out, _ = run(monkeypatch, capsys, ["parse"], json.dumps(document))
    found = [(t["start"], t["end"], t["name"], t["precision"]) for t in json.loads(out)["toponyms"]]
    assert found == [
        (14, 21, "Palmyra", "city"),
        (26, 31, "Raqqa", "region"),  # "Raqqa province": the province word guides, stays out of the span
        (42, 47, "Syria", "country"),
        (52, 59, "Russian", "country"),
        (72, 78, "Aleppo", "city"),
    ]


def test_bad_input_line_is_reported_with_its_number(
    index: Gazetteer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(monkeypatch, capsys, ["parse"], json.dumps(DOCUMENT) + "\n{not json\n")
    assert code == 1
    assert err.startswith("error: stdin line 2: not JSON (")


@pytest.mark.skipif(not TRNEWS.exists(), reason="TR-News evaluation file is absent")
def test_resolve_spans_keeps_one_entry_per_trnews_span(
    index: Gazetteer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = TRNEWS.read_text(encoding="utf-8").splitlines()[:5]
    _, out, _ = run(monkeypatch, capsys, ["resolve-spans"], "\n".join(lines))
    given = [json.loads(line) for line in lines]
    answered = [json.loads(line) for line in out.splitlines()]
    assert [d["doc_id"] for d in answered] == [d["doc_id"] for d in given]
    assert [[(t["start"], t["end"]) for t in d["toponyms"]] for d in answered] == [
        [(t["start"], t["end"]) for t in d["toponyms"]] for d in given
    ]
