"""The compiled index: its sources, its place lists, and how it is built."""

from pathlib import Path

import pytest

from geo import gazetteer as gazetteer_module
from geo.gazetteer import Gazetteer, name_key, populated_places


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("U.S.", "us"),
        ("Ḩalab", "halab"),
        ("St. Louis", "saint louis"),
        ("Guinea-Bissau", "guinea bissau"),
        ("Washington, D.C.", "washington dc"),
        ("Côte d'Ivoire", "cote divoire"),
    ],
)
def test_name_key_folds_spelling_variants(text: str, key: str) -> None:
    assert name_key(text) == key


@pytest.mark.parametrize(
    ("name", "kinds"),
    [
        ("Syria", {"country"}),
        ("Syrians", {"country"}),
        ("Great Britain", {"country"}),
        ("Raqqa Governorate", {"region"}),
        ("Alberta", {"region"}),
        ("Calif.", {"region"}),
        ("Europe", {"continent"}),
        ("European", {"continent"}),
        ("Metcalfe County", {"district"}),
        ("Sask.", {"region"}),
    ],
)
def test_index_knows_countries_regions_demonyms_and_abbreviations(
    index: Gazetteer, name: str, kinds: set[str]
) -> None:
    assert {e.kind for e in index.entries(name)} == kinds


def test_keys_read_together_give_each_key_its_own_places_in_index_order(index: Gazetteer) -> None:
    keys = ["springfield", "raqqa", "no such place anywhere", "springfield", "us"]
    one_by_one = {key: Gazetteer(index.path).entries_by_key(key) for key in keys}
    together = Gazetteer(index.path)
    together.look_up(keys)
    assert {key: together.entries_by_key(key) for key in keys} == one_by_one
    assert one_by_one["no such place anywhere"] == ()
    assert len(one_by_one["springfield"]) > 5
    assert [e.id for e in one_by_one["springfield"]] == sorted(e.id for e in one_by_one["springfield"])


def test_populated_places_of_a_country_are_listed_largest_first(index: Gazetteer) -> None:
    places = populated_places("SY", min_population=500_000)
    assert [p.name for p in places[:2]] == ["Aleppo", "Damascus"]
    assert all(p.population >= 500_000 and p.country_code == "SY" for p in places)
    assert places[0].admin1 == "Ḩalab" and abs(places[0].lat - 36.2) < 0.1


def test_index_is_built_by_rename_so_no_reader_sees_a_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    builder = gazetteer_module._Builder()
    builder.add(
        gazetteer_module._Row(163808, "Tadmur", "city", 34.5624, 38.28402, "SY", "11", 51015),
        [("Tadmur", 2), ("Palmyra", 1)],
    )
    monkeypatch.setattr(gazetteer_module, "_compile", lambda: builder)
    target = tmp_path / "index.sqlite"
    gazetteer_module.build_index(target)
    assert [p.name for p in tmp_path.iterdir()] == ["index.sqlite"]
    assert [e.name for e in Gazetteer(target).entries("Palmyra")] == ["Tadmur"]


def test_cache_directory_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("EVENT_ATLAS_CACHE", str(tmp_path))
    assert gazetteer_module.index_path().parent == tmp_path


def test_a_name_gives_each_of_its_places_once_in_the_order_they_were_compiled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Ranking breaks equal scores by this order, so it must not depend on how rows are stored.
    builder = gazetteer_module._Builder()
    for geonameid, name, names in [
        (4407066, "St. Louis", [("St. Louis", 2), ("Saint Louis", 1)]),
        (6325521, "Saint-Louis", [("Saint-Louis", 2)]),
        (2246452, "Saint-Louis", [("Saint-Louis", 2), ("Ndar", 1)]),
    ]:
        builder.add(gazetteer_module._Row(geonameid, name, "city", 0.0, 0.0, "", "", 0), names)
    monkeypatch.setattr(gazetteer_module, "_compile", lambda: builder)
    target = tmp_path / "index.sqlite"
    gazetteer_module.build_index(target)
    entries = Gazetteer(target).entries("Saint Louis")
    assert [(e.geonameid, e.match) for e in entries] == [(4407066, 2), (6325521, 2), (2246452, 2)]
    assert [e.geonameid for e in Gazetteer(target).entries("Ndar")] == [2246452]
