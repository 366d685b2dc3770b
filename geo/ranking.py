"""How a candidate place is scored: the evidence weighed and the weight of each.

A candidate's score is the sum of its features times their weights. The features are
facts about the place (what kind of place, how many people, a capital) and about the
article around the name (the countries and regions it names, how near its other places
are).

``scripts/learn_ranking_weights.py`` learns the weights of the article's evidence from
annotated news, across documents, and reports held-out folds; with ``--write`` it writes
``ranking_weights.json`` here, which then replaces ``HAND_WEIGHTS``. None is shipped:
on the held-out folds the learned weights did not beat the hand-set ones (see README).
"""

from __future__ import annotations

import json
from pathlib import Path

WEIGHTS_FILE = Path(__file__).with_name("ranking_weights.json")

FEATURES: tuple[str, ...] = (
    "kind_continent",  # 1 for a continent ...
    "kind_country",
    "kind_area",  # a feature outside any country: a sea, a multi-country region
    "kind_region",
    "kind_district",  # ... (a town is the baseline, 0 for all five)
    "town_size",  # log10(population + 1) / 7, towns only
    "area_size",  # the same for countries, regions and counties (the people of their towns)
    "capital",  # a national capital
    "alternate_name",  # matched by an alternate name, not its own or a short form of it
    "country_named",  # the article names the candidate's country (capped at 1)
    "country_share",  # the share of the article's country evidence that is this country's
    "neighbour_named",  # a town or region whose country the article does not name borders one it does
    "region_named",  # the same for the candidate's first-level region
    "region_share",
    "near_50",  # a town within 50 km of another place the article names ...
    "near_200",  # ... within 200 km
    "near_500",  # ... within 500 km
    "near_share",  # the share of the article's other places within 200 km of this town
    "near_namesake",  # another name of the article may mean a place beside this town
    "named_after_its_town",  # a region whose largest town bears its name
    "shadowed_by_area",  # a town that bears the own name of a country or region, small or as an alias
    "shadowed_by_city",  # a region, or a town by an alternate name only, whose name a city of
    # 100,000 bears (with more people than the region; as its own name, for the town)
)

HAND_WEIGHTS: dict[str, float] = {
    "kind_continent": 5.0, "kind_country": 5.0, "kind_area": 4.0, "kind_region": 3.0, "kind_district": 1.0,
    "town_size": 3.0, "area_size": 0.3, "capital": 1.5, "alternate_name": -0.7,
    "country_named": 1.5, "country_share": 2.5, "neighbour_named": 1.5, "region_named": 1.0, "region_share": 1.0,
    "near_50": 1.5, "near_200": 1.0, "near_500": 0.5, "near_share": 0.0, "near_namesake": 1.5,
    "named_after_its_town": -2.0, "shadowed_by_area": -2.0, "shadowed_by_city": -2.0,
}


def weights_from_file(path: Path = WEIGHTS_FILE) -> tuple[float, ...]:
    """The weights in ``FEATURES`` order: the learned ones, else the hand-set ones."""
    learned = json.loads(path.read_text(encoding="utf-8"))["weights"] if path.exists() else {}
    return tuple(float(learned.get(name, HAND_WEIGHTS[name])) for name in FEATURES)


WEIGHTS = weights_from_file()
