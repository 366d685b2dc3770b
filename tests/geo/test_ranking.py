"""The ranking weights: read from the learned file, and how the learner moves them."""

import importlib.util
import json
import sys
from pathlib import Path

import numpy as np
from geo.ranking import FEATURES, HAND_WEIGHTS, WEIGHTS, WEIGHTS_FILE, weights_from_file

REPO_ROOT = Path(__file__).resolve().parents[2]


def _learner():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("learn", REPO_ROOT / "scripts" / "learn_ranking_weights.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_weights_in_force_are_the_hand_set_ones_while_no_learned_file_is_shipped() -> None:
    assert not WEIGHTS_FILE.exists()
    assert WEIGHTS == tuple(HAND_WEIGHTS[f] for f in FEATURES)


def test_a_learned_file_replaces_the_weights_it_names(tmp_path: Path) -> None:
    path = tmp_path / "weights.json"
    path.write_text(json.dumps({"weights": {"near_50": 2.25}}), encoding="utf-8")
    weights = dict(zip(FEATURES, weights_from_file(path)))
    assert weights["near_50"] == 2.25 and weights["kind_country"] == HAND_WEIGHTS["kind_country"]


def test_hand_set_weights_stand_in_when_no_file_is_shipped(tmp_path: Path) -> None:
    assert weights_from_file(tmp_path / "absent.json") == tuple(HAND_WEIGHTS[f] for f in FEATURES)


def test_learning_raises_the_weight_of_evidence_that_picks_the_right_candidate() -> None:
    learn = _learner()
    named = FEATURES.index("country_named")
    size = FEATURES.index("town_size")
    # "London" in an article about Ontario: the smaller London is right, its country is named.
    small_named, large = np.zeros(len(FEATURES)), np.zeros(len(FEATURES))
    small_named[[size, named]] = [0.8, 1.0]
    large[size] = 1.0
    toponym = learn.Toponym(0, np.array([large, small_named]), np.array([False, True]), np.array([False, True]), 1)
    start = np.array([HAND_WEIGHTS[f] for f in FEATURES])
    weights = learn.fit([toponym] * 4, start, penalty=0.01)
    assert weights[named] > start[named]
    assert learn.scored([toponym], weights) == (1.0, 1.0)


def test_what_a_place_is_without_context_is_not_learned() -> None:
    learn = _learner()
    row = np.zeros(len(FEATURES))
    row[FEATURES.index("capital")] = 1.0
    toponym = learn.Toponym(0, np.array([row, np.zeros(len(FEATURES))]), np.array([False, True]),
                            np.array([False, True]), 1)
    start = np.array([HAND_WEIGHTS[f] for f in FEATURES])
    weights = learn.fit([toponym] * 4, start, penalty=0.0)
    assert weights[FEATURES.index("capital")] == start[FEATURES.index("capital")]
