"""Learn the candidate-ranking weights (geo/ranking.py) from annotated news, across documents.

    python scripts/learn_ranking_weights.py CORPUS.jsonl [--folds 5] [--write]

CORPUS is JSON lines in the format of ``python -m geo resolve-spans`` with gold points
(``{"doc_id", "text", "toponyms": [{"name", "lat", "lon", "geonameid"}]}``). For every gold
toponym the resolver's own candidates are taken with their features; the right candidate
is the gold GeoNames feature, else the nearest candidate within 161 km of the gold point.
A softmax over each toponym's candidates is fitted by gradient descent, starting from the
hand-set weights and held near them by an L2 penalty, so that a weight moves only as far
as the data asks. Only the weights of the article's evidence are learned (the countries,
regions and nearby places it names: ``CONTEXT_FEATURES``); what a place is with no context
(a country over a town of its name, a sea over a province of its name) stays as set, since
an annotated corpus holds too few seas, blocs or breakaway regions to learn it from.

Documents are split into folds; each fold is scored with weights learned on the others,
and the held-out Acc@161 and same-feature rates are printed beside the hand-set weights'.
``--write`` then fits on every document and writes geo/ranking_weights.json.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from geo.cli import given_spans  # noqa: E402
from geo.ranking import FEATURES, HAND_WEIGHTS, WEIGHTS_FILE  # noqa: E402
from geo.resolution import ArticleContext, candidate_features  # noqa: E402

KM = 161.0
CONTEXT_FEATURES = ("country_named", "country_share", "neighbour_named", "region_named", "region_share",
                    "near_50", "near_200", "near_500", "near_share", "near_namesake")
_LEARNED = np.array([name in CONTEXT_FEATURES for name in FEATURES])
PENALTY = 0.05  # L2 pull towards the hand-set weights, per toponym
STEPS = 400
RATE = 0.5


@dataclass(frozen=True)
class Toponym:
    """One gold toponym: its candidates' features, which are right, and which are near."""

    document: int
    features: np.ndarray  # candidates x features
    same: np.ndarray  # bool per candidate: the gold GeoNames feature
    near: np.ndarray  # bool per candidate: within 161 km of the gold point
    target: int  # the candidate to learn to put first, or -1 if none is right


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def toponyms(corpus: Path) -> list[Toponym]:
    found = []
    with corpus.open(encoding="utf-8") as f:
        documents = [json.loads(line) for line in f if line.strip()]
    for number, document in enumerate(documents):
        # As `python -m geo resolve-spans` reads them: the given spans are the article's places.
        spans = given_spans(document, number)
        context = ArticleContext.from_spans(document["text"], spans)
        for gold, span in zip(document["toponyms"], spans):
            candidates = candidate_features(span.query, context)
            if not candidates:
                found.append(Toponym(number, np.zeros((0, len(FEATURES))), np.zeros(0, bool), np.zeros(0, bool), -1))
                continue
            features = np.array([f for f, _ in candidates])
            same = np.array([e.geonameid == gold.get("geonameid") for _, e in candidates])
            distances = np.array([km(e.lat, e.lon, gold["lat"], gold["lon"]) for _, e in candidates])
            near = distances <= KM
            target = int(np.argmax(same)) if same.any() else (int(np.argmin(distances)) if near.any() else -1)
            found.append(Toponym(number, features, same, near, target))
    return found


def fit(train: list[Toponym], start: np.ndarray, penalty: float = PENALTY) -> np.ndarray:
    """Weights minimising the softmax loss of the right candidates, plus the L2 pull."""
    usable = [t for t in train if t.target >= 0 and len(t.features) > 1]
    weights = start.copy()
    for _ in range(STEPS):
        gradient = penalty * len(usable) * (weights - start)
        for t in usable:
            scores = t.features @ weights
            p = np.exp(scores - scores.max())
            p /= p.sum()
            gradient += t.features.T @ p - t.features[t.target]
        # The step shrinks with the penalty, whose own curvature would otherwise overshoot.
        weights -= _LEARNED * (RATE / (1.0 + penalty) * gradient / max(len(usable), 1))
    return weights


def scored(test: list[Toponym], weights: np.ndarray) -> tuple[float, float]:
    """Acc@161 and same-feature rate of the top-ranked candidates (ties: first listed)."""
    near = same = 0
    for t in test:
        if len(t.features):
            best = int(np.argmax(t.features @ weights))
            near += bool(t.near[best])
            same += bool(t.same[best])
    return near / len(test), same / len(test)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--penalty", type=float, default=PENALTY, help="L2 pull towards the hand-set weights")
    parser.add_argument("--write", action="store_true", help=f"fit on all documents and write {WEIGHTS_FILE.name}")
    args = parser.parse_args()
    data = toponyms(args.corpus)
    hand = np.array([HAND_WEIGHTS[name] for name in FEATURES])
    documents = sorted({t.document for t in data})
    print(f"{len(data)} toponyms in {len(documents)} documents, {args.folds} folds by document")
    totals = np.zeros(4)
    for fold in range(args.folds):
        held_out = {d for i, d in enumerate(documents) if i % args.folds == fold}
        train = [t for t in data if t.document not in held_out]
        test = [t for t in data if t.document in held_out]
        learned = fit(train, hand, args.penalty)
        row = np.array([*scored(test, hand), *scored(test, learned)])
        totals += row * len(test)
        print(f"  fold {fold + 1}: {len(test):4} held out  hand-set Acc@161 {row[0]:.1%} same {row[1]:.1%}"
              f"  learned Acc@161 {row[2]:.1%} same {row[3]:.1%}")
    totals /= len(data)
    print(f"  all folds: hand-set Acc@161 {totals[0]:.1%} same {totals[1]:.1%}"
          f"  learned Acc@161 {totals[2]:.1%} same {totals[3]:.1%}")
    if args.write:
        weights = fit(data, hand, args.penalty)
        record = {"weights": {name: round(float(w), 3) for name, w in zip(FEATURES, weights)},
                  "learned_from": args.corpus.name, "penalty": args.penalty, "folds": args.folds, "toponyms": len(data), "documents": len(documents)}
        WEIGHTS_FILE.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {WEIGHTS_FILE.relative_to(REPO_ROOT)}")


if __name__ == "__main__":
    main()
