"""Measure the article drafter on annotated articles it was not written for.

    python bench/intake_eval.py [DIR]      (default: ../shared/intake-dev)

Each article of DIR (``NN-slug.txt`` with its gold ``NN-slug.json``, format in that
folder's README) is drafted with its publisher and publication date; so is the sample
article, with its hand-made dossier as gold (its three central events: the Palmyra
withdrawal, the orders from Raqqa, the Aleppo hospital bombing).

A drafted event matches a gold event when one of its claims quotes words of the gold
sentence. A matched gold event is placed when one of the matching events has a place
the offline gazetteer puts within the gold tolerance (600 km for a country, 150 for a
region, 25 for a city); that event and its claim on the gold sentence are then the
ones judged. The claimant is right when it shares a name word with the gold claimant
(words such as "the", "report" or "said" do not count); evidence and verification are
right when they are among the values the gold accepts.

Prints per article and overall: gold events found, central events found and placed,
right place / claimant / evidence / verification (and date, no goal) among matched events, drafted events
per gold event, seconds per article and per 1,000 words (after a warm-up draft).
"""

from __future__ import annotations

import json
import math
import re
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from events.dossier import article_text, dossier_from_file  # noqa: E402
from events.intake import Draft, DraftEvent, draft_article  # noqa: E402
from events.model import Claim, Event  # noqa: E402
from events.sample import install_sample_article  # noqa: E402
from geo.place import Place, Precision  # noqa: E402
from geo.resolution import ArticleContext, place_from_name  # noqa: E402

DEFAULT_DIR = REPO_ROOT / ".." / "shared" / "intake-dev"
SAMPLE_DOSSIER = REPO_ROOT / "events" / "data" / "2016-05-02-syria-isis-deals.yaml"
SAMPLE_CENTRAL = frozenset({"palmyra-weapons-withdrawal", "isis-headquarters-orders", "aleppo-msf-hospital-bombing"})
TOLERANCE_KM = {Precision.COUNTRY: 600.0, Precision.REGION: 150.0, Precision.CITY: 25.0, Precision.EXACT: 25.0}
GOALS = {"central found and placed": 0.90, "right place": 0.90, "right claimant": 0.80,
         "right evidence": 0.75, "right verification": 0.70}
MAX_DRAFTED_PER_GOLD = 2.5
# Words that name no one: they cannot make two claimants the same.
_NOT_NAMES = frozenset(
    """the a an of by in on at to for and from its his her their with as seen said says statement report
    reports reported confidential account x via""".split()
)
_WORD = re.compile(r"[\w]+(?:\.[\w]+)*\.?")


@dataclass(frozen=True)
class GoldEvent:
    key: str
    sentences: tuple[str, ...]
    lat: float
    lon: float
    tolerance_km: float
    claimant: str
    evidence: frozenset[str]
    verification: frozenset[str]
    must: bool
    date: str | None = None


@dataclass(frozen=True)
class Article:
    name: str
    text: str
    publisher: str
    published: date
    gold: tuple[GoldEvent, ...]


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    central: int = 0
    central_placed: int = 0
    place: int = 0
    claimant: int = 0
    evidence: int = 0
    verification: int = 0
    date: int = 0
    drafted: int = 0
    seconds: float = 0.0
    words: int = 0

    def add(self, other: Score) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def name_words(text: str) -> set[str]:
    return {w.lower().strip(".") for w in _WORD.findall(text)} - _NOT_NAMES - {""}


def same_claimant(drafted: str, gold: str) -> bool:
    return bool(name_words(drafted) & name_words(gold))


def dev_articles(directory: Path) -> list[Article]:
    articles = []
    for gold_path in sorted(directory.glob("*.json")):
        data = json.loads(gold_path.read_text(encoding="utf-8"))
        text = (directory / data["article"]).read_bytes().decode("utf-8")
        # "2023-12-07 (inferred)": the date, whatever is said after it.
        published = date.fromisoformat(str(data["published"])[:10])
        gold = tuple(
            GoldEvent(
                key=event["key"], sentences=(event["sentence"],), lat=event["place"]["lat"],
                lon=event["place"]["lon"], tolerance_km=float(event["place"]["tolerance_km"]),
                claimant=event["claimant"], evidence=frozenset(event["evidence_any"]),
                verification=frozenset(event["verification_any"]), must=bool(event["must"]),
                date=event.get("date"),
            )
            for event in data["events"]
        )
        articles.append(Article(gold_path.stem, text, data["publisher"], published, gold))
    return articles


def sample_article() -> Article:
    """The sample article, its dossier as gold: each event with the places the gazetteer gives its names."""
    install_sample_article(SAMPLE_DOSSIER.parent)
    dossier = dossier_from_file(SAMPLE_DOSSIER)
    text = article_text(dossier.article, SAMPLE_DOSSIER.parent)
    context = ArticleContext.from_text(text)
    gold = []
    for event in dossier.events:
        place = place_from_name(event.location.name, context)
        assert place.found and place.lat is not None and place.lon is not None and place.precision is not None
        claim = event.claims[0]
        gold.append(GoldEvent(
            key=event.id, sentences=tuple(c.quote.text for c in event.claims), lat=place.lat, lon=place.lon,
            tolerance_km=TOLERANCE_KM[place.precision], claimant=claim.claimant,
            evidence=frozenset({claim.evidence.value}), verification=frozenset({claim.verification.value}),
            must=event.id in SAMPLE_CENTRAL, date=None if event.date.start is None else str(event.date),
        ))
    article = dossier.article
    return Article("sample " + article.id, text, article.publisher, article.published, tuple(gold))


def overlaps(claim: Claim, start: int, end: int) -> bool:
    return claim.quote.start < end and start < claim.quote.end


def gold_spans(text: str, gold: GoldEvent) -> list[tuple[int, int]]:
    spans = []
    for sentence in gold.sentences:
        start = text.find(sentence)
        if start < 0:
            raise SystemExit(f"gold sentence of {gold.key!r} is not in its article: {sentence[:60]!r}")
        spans.append((start, start + len(sentence)))
    return spans


def placed_within(event: Event, gold: GoldEvent, resolve: dict[str, Place]) -> bool:
    for ref in event.places:
        place = resolve[ref.name]
        if place.lat is not None and place.lon is not None and km(place.lat, place.lon, gold.lat, gold.lon) <= gold.tolerance_km:
            return True
    return False


def score_article(article: Article) -> tuple[Score, list[str]]:
    started = time.perf_counter()
    draft = draft_article(article.text, publisher=article.publisher, published=article.published)
    score = Score(seconds=time.perf_counter() - started, words=len(article.text.split()), drafted=len(draft.events))
    context = ArticleContext.from_text(article.text)
    names = {ref.name for d in draft.events for ref in d.event.places}
    resolve = {name: place_from_name(name, context) for name in names}
    misses = []
    for gold in article.gold:
        score.gold += 1
        score.central += gold.must
        verdict = judge(draft, article.text, gold, resolve)
        if verdict is None:
            misses.append(f"  not found: {gold.key}")
            continue
        placed, claim, drafted_event = verdict
        score.date += right_date(drafted_event, gold)
        score.found += 1
        score.central_placed += gold.must and placed
        score.place += placed
        right = (same_claimant(claim.claimant, gold.claimant), claim.evidence.value in gold.evidence,
                 claim.verification.value in gold.verification)
        score.claimant += right[0]
        score.evidence += right[1]
        score.verification += right[2]
        if not all((placed, *right)):
            wrong = [n for n, ok in zip(("place", "claimant", "evidence", "verification"), (placed, *right)) if not ok]
            misses.append(
                f"  {gold.key}: wrong {', '.join(wrong)} (drafted {claim.claimant!r} {claim.evidence.value} "
                f"{claim.verification.value}; gold {gold.claimant!r} {sorted(gold.evidence)} {sorted(gold.verification)})"
            )
    return score, misses


def right_date(event: Event, gold: GoldEvent) -> bool:
    """The gold date exactly; where the gold has none, a date given only as reported (or unknown)."""
    if gold.date is None:
        return event.date_kind.value == "reported" or event.date.start is None
    return str(event.date) == gold.date


def judge(draft: Draft, text: str, gold: GoldEvent, resolve: dict[str, Place]) -> tuple[bool, Claim, Event] | None:
    """Whether the gold event was placed, and the drafted claim on its sentence; None if not found."""
    spans = gold_spans(text, gold)
    matching: list[tuple[DraftEvent, Claim]] = [
        (drafted, claim)
        for drafted in draft.events
        for claim in drafted.event.claims
        if any(overlaps(claim, start, end) for start, end in spans)
    ]
    if not matching:
        return None
    placed = [(d, c) for d, c in matching if placed_within(d.event, gold, resolve)]
    # A gold event quoted by several sentences is judged on the claim of its first one.
    first, first_end = spans[0]
    drafted, claim = min(placed or matching, key=lambda m: not overlaps(m[1], first, first_end))
    return bool(placed), claim, drafted.event


def share(part: int, whole: int) -> str:
    return f"{part}/{whole} = {part / whole:.0%}" if whole else "-"


def print_score(name: str, score: Score) -> None:
    found = score.found
    print(
        f"{name}: found {share(score.found, score.gold)}; central found and placed "
        f"{share(score.central_placed, score.central)}; of matched: place {share(score.place, found)}, "
        f"claimant {share(score.claimant, found)}, evidence {share(score.evidence, found)}, "
        f"verification {share(score.verification, found)}, date {share(score.date, found)}; drafted {score.drafted} for {score.gold} gold "
        f"({score.drafted / max(score.gold, 1):.2f} each); {score.seconds:.2f} s for {score.words} words"
    )


def main(argv: list[str]) -> int:
    directory = Path(argv[0]) if argv else DEFAULT_DIR
    articles = [sample_article()]
    if directory.is_dir():
        articles += dev_articles(directory)
    else:
        print(f"{directory}: no annotated articles there; measuring the sample article only")
    draft_article(articles[0].text, publisher="Warm-up", published=articles[0].published)  # gazetteer, parsers
    total, development = Score(), Score()
    for article in articles:
        score, misses = score_article(article)
        print_score(article.name, score)
        if "-v" in sys.argv:
            print("\n".join(misses))
        total.add(score)
        if not article.name.startswith("sample"):
            development.add(score)
    print()
    print_score("development articles", development)
    print_score("overall", total)
    found = total.found
    print()
    print("goals (overall):")
    for goal, (part, whole) in {
        "central found and placed": (total.central_placed, total.central),
        "right place": (total.place, found), "right claimant": (total.claimant, found),
        "right evidence": (total.evidence, found), "right verification": (total.verification, found),
    }.items():
        value = part / whole if whole else 0.0
        print(f"  {goal}: {value:.0%} (goal {GOALS[goal]:.0%}) {'met' if value >= GOALS[goal] else 'NOT MET'}")
    ratio = total.drafted / max(total.gold, 1)
    print(f"  drafted per gold event: {ratio:.2f} (goal <= {MAX_DRAFTED_PER_GOLD}) {'met' if ratio <= MAX_DRAFTED_PER_GOLD else 'NOT MET'}")
    per_thousand = total.seconds / max(total.words, 1) * 1000
    print(f"  seconds per 1,000 words: {per_thousand:.2f} (goal < 5) {'met' if per_thousand < 5 else 'NOT MET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main([a for a in sys.argv[1:] if a != "-v"]))
