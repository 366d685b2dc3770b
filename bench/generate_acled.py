"""Write a synthetic ACLED-format export of N Syrian events, for benchmarks and tests.

    python bench/generate_acled.py N OUT.csv [--seed S]

Places are real: Syrian towns and their coordinates from the offline gazetteer, chosen
in proportion to the square root of their population (conflict reporting concentrates on
towns, less steeply than population does). About one row in ten is located only to its
governorate (geo_precision 3, at the governorate's largest town, as ACLED codes a region
it cannot narrow down) and one in five "near" a town (geo_precision 2). Types, sub-types,
actors and sources follow the shares of ACLED's Syria data; dates run from 2016 to 2023.
Write under bench/out/ (ignored by git): never commit a generated file.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import random
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.place import Candidate  # noqa: E402
from geo.resolution import populated_places  # noqa: E402

COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
           "event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2",
           "assoc_actor_2", "iso", "region", "country", "admin1", "admin2", "location",
           "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
           "fatalities", "timestamp")
FIRST_DAY = datetime.date(2016, 1, 1)
DAYS = (datetime.date(2023, 12, 31) - FIRST_DAY).days
# Places of unknown or tiny population still get the weight of a village of this size.
WEIGHT_FLOOR = 1_000

# (event type, weight, [(sub-event type, weight), ...]), after ACLED's Syria shares.
EVENT_TYPES = (
    ("Explosions/Remote violence", 55, (("Shelling/artillery/missile attack", 60),
                                        ("Air/drone strike", 30),
                                        ("Remote explosive/landmine/IED", 8),
                                        ("Suicide bomb", 1), ("Grenade", 1))),
    ("Battles", 24, (("Armed clash", 90), ("Government regains territory", 5),
                     ("Non-state actor overtakes territory", 5))),
    ("Violence against civilians", 9, (("Attack", 75), ("Abduction/forced disappearance", 25))),
    ("Strategic developments", 7, (("Looting/property destruction", 30), ("Arrests", 25),
                                   ("Other", 15), ("Agreement", 10),
                                   ("Headquarters or base established", 10),
                                   ("Non-violent transfer of territory", 10))),
    ("Protests", 4, (("Peaceful protest", 90), ("Protest with intervention", 10))),
    ("Riots", 1, (("Violent demonstration", 70), ("Mob violence", 30))),
)
ACTORS = (
    ("Military Forces of Syria (2000-)", 30), ("Islamic State (Syria)", 10),
    ("Hayat Tahrir al-Sham", 10), ("SDF: Syrian Democratic Forces", 8),
    ("Military Forces of Russia (2000-)", 8), ("Military Forces of Turkey (2016-)", 6),
    ("Syrian National Army", 6), ("Unidentified Armed Group (Syria)", 8),
    ("Coalition: Global Coalition Against Daesh", 4), ("Military Forces of Israel (1948-)", 2),
    ("Hezbollah", 2), ("Civilians (Syria)", 6),
)
SOURCES = (
    ("Syrian Observatory for Human Rights", "Other-National", 40), ("SANA", "National", 10),
    ("Step Agency", "National", 8), ("Shaam News Network", "National", 6),
    ("Enab Baladi", "National", 6), ("North Press Agency", "Subnational", 5),
    ("Smart News Agency", "National", 5), ("Rudaw", "Regional", 3),
    ("Reuters", "International", 3), ("Twitter", "New media", 6),
    ("Local Coordination Committees of Syria", "Other", 4), ("Al Masdar News", "National", 4),
)
PRECISION_WEIGHTS = ((1, 70), (2, 20), (3, 10))
TIME_PRECISION_WEIGHTS = ((1, 85), (2, 10), (3, 5))


def acled_rows(count: int, places: Sequence[Candidate], seed: int = 2016) -> list[list[str]]:
    rng = random.Random(seed)
    capitals = _governorate_capitals(places)
    weights = [max(p.population, WEIGHT_FLOOR) ** 0.5 for p in places]
    chosen = rng.choices(places, weights=weights, k=count)
    return [_row(rng, index, place, capitals) for index, place in enumerate(chosen, start=1)]


def _governorate_capitals(places: Sequence[Candidate]) -> dict[str, Candidate]:
    capitals: dict[str, Candidate] = {}
    for place in places:
        known = capitals.get(place.admin1 or "")
        if known is None or place.population > known.population:
            capitals[place.admin1 or ""] = place
    return capitals


def _row(rng: random.Random, index: int, town: Candidate,
         capitals: dict[str, Candidate]) -> list[str]:
    event_type, sub_event_type = _event_type(rng)
    geo_precision = _weighted(rng, PRECISION_WEIGHTS)
    place = capitals[town.admin1 or ""] if geo_precision == 3 else town
    date = FIRST_DAY + datetime.timedelta(days=rng.randrange(DAYS + 1))
    actor1, actor2 = rng.sample([a for a, _ in ACTORS], 2)
    sources = rng.sample(SOURCES, rng.choice((1, 1, 1, 2)))
    fatalities = 0 if rng.random() < 0.6 else int(rng.expovariate(1 / 4)) + 1
    location = (place.admin1 or place.name) if geo_precision == 3 else town.name
    return [
        f"SYR{index}", date.isoformat(), str(date.year),
        str(_weighted(rng, TIME_PRECISION_WEIGHTS)), "Political violence", event_type,
        sub_event_type, actor1, "", actor2 if event_type != "Protests" else "", "", "760",
        "Middle East", "Syria", town.admin1 or "", "", location,
        f"{place.lat:.4f}", f"{place.lon:.4f}", str(geo_precision),
        "; ".join(s for s, _, _ in sources), "-".join(sorted({k for _, k, _ in sources})),
        _note(date, sub_event_type, actor1, location, geo_precision, fatalities),
        str(fatalities), "1700000000",
    ]


def _event_type(rng: random.Random) -> tuple[str, str]:
    name, _, subs = rng.choices(EVENT_TYPES, weights=[w for _, w, _ in EVENT_TYPES])[0]
    return name, rng.choices([s for s, _ in subs], weights=[w for _, w in subs])[0]


def _weighted(rng: random.Random, table: Sequence[tuple[int, int]]) -> int:
    return rng.choices([value for value, _ in table], weights=[w for _, w in table])[0]


def _note(date: datetime.date, sub_event_type: str, actor: str, location: str,
          geo_precision: int, fatalities: int) -> str:
    where = {1: f"in {location}", 2: f"near {location}", 3: f"in {location} governorate"}
    toll = f"{fatalities} killed." if fatalities else "No fatalities reported."
    return (f"On {date.day} {date:%B %Y}, {actor} was reported in an event coded as "
            f"{sub_event_type.lower()} {where[geo_precision]}. {toll}")


def write_acled(count: int, out: Path, seed: int = 2016) -> Path:
    places = [p for p in populated_places("SY", 0) if p.admin1]
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerows(acled_rows(count, places, seed))
    return out


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=2016)
    args = parser.parse_args(argv)
    print(write_acled(args.count, args.out, args.seed))


if __name__ == "__main__":
    main()
