"""Where each place name of an article is: one place per mention, as the article states it."""

from __future__ import annotations

from events.intake.places import place_mentions


def test_a_town_name_qualified_with_two_states_is_two_towns() -> None:
    mentions = place_mentions("Police in Portland, Ore., and in Portland, Maine, said the man had fled.")
    towns = [(m.name, m.place.admin1, m.place.geonameid) for m in mentions if m.name == "Portland"]
    assert towns == [("Portland", "Oregon", 5746545), ("Portland", "Maine", 4975802)]
