"""What a sentence reports as having happened: the words of conflict reporting, by event type.

A sentence is an event only if it holds one of these words; the strongest type wins
(an attack that hits a hospital is an attack on a civilian site before it is an
airstrike). Shelling and rocket fire are ``other``, as the vocabulary keeps air
strikes for strikes from the air.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from events.sourcing import EventType

_W = r"(?:\w|-)*"  # the rest of a word: "bomb" matches bombed, bombing, bombings


def _words(*stems: str) -> re.Pattern[str]:
    # Not after a hyphen: "anti-aircraft guns" are no aircraft.
    return re.compile(r"(?<![\w-])(?:" + "|".join(stems) + r")\b", re.IGNORECASE)


_CIVILIAN_SITE = _words(
    "hospitals?", "clinics?", "schools?", "markets?", "marketplaces?", "mosques?", "churches", "church",
    "homes?", "houses?", "residential", "camps? for (?:the )?displaced", "refugee camps?", "shelters?",
    "bakery", "bakeries", "wedding", "funeral", "health (?:centre|center|facility)", "town (?:centre|center)",
    "(?:centre|center) of the (?:town|city|village)", "buildings?",
)
_ATTACK = _words(
    f"bomb{_W}", f"attack{_W}", f"strik{_W}", "struck", f"shell{_W}", f"hit{_W}", f"target{_W}", f"raid{_W}",
    f"destroy{_W}", f"kill{_W}", f"burn{_W}", f"loot{_W}", f"storm{_W}", f"massacre{_W}", f"fir(?:ed|ing)",
    f"explo{_W}", "blast",
)
_TRIGGERS: tuple[tuple[EventType, re.Pattern[str]], ...] = (
    (EventType.SANCTIONS, _words(f"sanction{_W}", f"embargo{_W}", f"blacklist{_W}", "asset freeze")),
    (EventType.AGREEMENT_OR_TRUCE, _words(
        f"ceasefire{_W}", f"cease-fire{_W}", f"truce{_W}", "cessation", "armistice", "non-aggression",
        "peace (?:deal|agreement|accord)", "agreed to", "accords?", "not (?:to )?(?:attack|antagoni[sz]e)",
    )),
    (EventType.DIPLOMACY, _words(
        "talks", f"negotiat{_W}", "summit", "envoy", "counterpart", "foreign minister", "diplomat\\w*",
        "mediat\\w*", "visit(?:ed|s)?", "met with", "meeting",
    )),
    (EventType.AIRSTRIKE, _words(
        "air ?strikes?", "air-strikes?", "strikes", "air ?raids?", "air attacks?", "drone strikes?", "drones?", "warplanes?",
        "(?:fighter )?jets", "aircraft", "helicopters?", "missiles?", "bombard\\w*", "aerial", "air force",
        "bomb(?:ed|ing|ings|s)?",
    )),
    (EventType.GROUND_OFFENSIVE, _words(
        f"captur{_W}", "seiz\\w*", "took control", "taken control", "take control", "gain(?:ed)? control",
        "regain\\w*", f"recaptur{_W}", f"retak{_W}", "retook", f"advanc{_W}", f"offensive{_W}", f"assault{_W}",
        f"clash{_W}", "fighting", "fought", "firefight", f"ambush{_W}", f"liberat{_W}", "overr(?:an|un)",
        "fell to", f"storm{_W}", "ground attacks?", f"battl{_W}", f"push(?:ed)? back",
        "gun ?battles?", "incursion", f"invad{_W}", "invasion", f"insurgen{_W}", "operations? against",
    )),
    (EventType.TROOP_OR_WEAPONS_MOVEMENT, _words(
        f"withdr{_W}", "pull(?:ed|ing|s)? (?:[\\w-]+ ){0,5}?(?:out|back)", f"deploy{_W}", f"reinforc{_W}", f"convoy{_W}",
        "flights", "flew", "flown", "shipped", f"transfer{_W}", "moved", "shipment\\w*", f"deliver{_W}", f"retreat{_W}", f"evacuat{_W}",
        "airlift\\w*", f"arriv{_W}", "sent (?:troops|forces|fighters|weapons)",
        "stationed",
    )),
    (EventType.HEADQUARTERS_OR_COMMAND, _words(
        "headquarters", "command (?:centre|center|post)", "orders (?:sent|issued|came) from", "stronghold",
        "seat of (?:power|government)", "de facto capital", "base of operations",
    )),
    (EventType.TRADE_OR_DEAL, _words(
        "deals?", f"trad{_W}", "bought", f"buy{_W}", "sold", f"sell{_W}", f"purchas{_W}", f"smuggl{_W}",
        "oil", f"pay{_W}", "paid", f"financ{_W}", "arms sales?", f"arrangement{_W}", "collusion",
    )),
    (EventType.OTHER, _words(
        f"rocket{_W}", f"shell{_W}", "mortars?", f"protest{_W}", f"demonstrat{_W}", f"riot{_W}", "unrest",
        f"explo{_W}", "blasts?", f"kidnap{_W}", f"abduct{_W}", f"massacre{_W}", "teargas", "tear gas",
        "warning shots", "hostilities", f"exchang{_W} (?:of )?fire",
    )),
)
# Words that say something happened without saying what: an event only when nothing more telling is near.
_WEAK = _words(
    f"kill{_W}", "dead", "died", f"wound{_W}", f"injur{_W}", "casualt\\w+", f"arrest{_W}", f"fir(?:ed|ing)",
    f"attack{_W}", "violence", f"displac{_W}", "fled", f"burn{_W}", f"loot{_W}", "shot", "shooting", "gunmen",
    "chaos", f"split{_W}", f"control{_W}", "rules", "conflict", f"target{_W}", "operations?", f"destroy{_W}",
)


@dataclass(frozen=True, slots=True)
class Trigger:
    """The event type a sentence reports, the word that says so, and how telling that word is."""

    event_type: EventType
    word: str
    strength: float
    start: int = 0
    """Where the telling word stands in the sentence."""


def trigger_of(text: str, near: int | None = None) -> Trigger | None:
    """The event type ``text`` reports, or None if it reports nothing that happened.

    With ``near`` (an offset in ``text``, where a place is named), the telling word
    closest to it wins, so that each place of a long sentence gets its own clause's
    event; without it, the earliest, since news puts the main event first.
    """
    site = _CIVILIAN_SITE.search(text)
    found = [
        (m, EventType.ATTACK_ON_CIVILIAN_SITE if site and _ATTACK.fullmatch(m.group()) else event_type)
        for event_type, pattern in _TRIGGERS
        for m in pattern.finditer(text)
    ]
    if site:
        found += [(m, EventType.ATTACK_ON_CIVILIAN_SITE) for m in _ATTACK.finditer(text)]
    if found:
        match, event_type = min(found, key=lambda f: _distance(f[0], near))
        return Trigger(event_type, match.group(), 0.5 if event_type is EventType.OTHER else 0.8, match.start())
    weak = min(_WEAK.finditer(text), key=lambda m: _distance(m, near), default=None)
    return Trigger(EventType.OTHER, weak.group(), 0.4, weak.start()) if weak else None


def _distance(match: re.Match[str], near: int | None) -> int:
    if near is None:
        return match.start()
    return min(abs(match.start() - near), abs(match.end() - near))
