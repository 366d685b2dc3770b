"""Hostile dossier files: each is a problem for that file, the others load, no message is huge."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from events.dossier import catalogue_from_directory, dossier_from_file
from events.exceptions import DossierInvalid
from events.limits import DOSSIER_MAX_BYTES, YAML_MAX_NODES
from tests.events.test_dossier import GOOD, OTHER_EVENT, _write
from tests.fixtures.articles import copy_sample_article

# "Billion laughs": nine levels of nine aliases, 10^9 strings once expanded, in 500 bytes.
BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{name}: &{name} [{','.join(['*' + previous] * 9)}]\n"
    for previous, name in zip("abcdefgh", "bcdefghi")
)
MESSAGE_MAX = 300


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``events/data`` with one good dossier (``b-good.yaml``), as a relative path."""
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, "b-good.yaml", OTHER_EVENT)
    return Path("events/data")


def _problems_beside_the_good_file(data_dir: Path) -> list[str]:
    catalogue = catalogue_from_directory(data_dir)
    assert [event.id for event in catalogue.events] == ["raqqa-orders"]
    problems = [str(problem) for problem in catalogue.problems]
    assert all(len(problem) < MESSAGE_MAX for problem in problems)
    return problems


def test_the_bomb_is_a_500_byte_file() -> None:
    assert len(BOMB.encode()) < 600


BOMB_IN_A_DOSSIER = GOOD.replace("events:\n", BOMB + "events:\n").replace(
    "title: Heavy weapons withdrawn from Palmyra", "title: *i"
)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(BOMB, f"line 6: not valid YAML: its aliases expand to more than {YAML_MAX_NODES:,} values",
                     id="billion-laughs"),
        pytest.param(BOMB_IN_A_DOSSIER,
                     f"line 12: not valid YAML: its aliases expand to more than {YAML_MAX_NODES:,} values",
                     id="billion-laughs-in-a-field"),
        pytest.param("a: &a [*a]\n", "line 1: not valid YAML: an alias refers to a value that holds it",
                     id="alias-holding-itself"),
        pytest.param("? [a, b]\n: c\n", "line 1: not valid YAML: a key must be a plain value, not a list or a mapping",
                     id="list-as-key"),
        pytest.param("[" * 1000 + "]" * 1000, "line 1: not valid YAML: nested deeper than 50 levels",
                     id="nested-1000-deep"),
        pytest.param("article:\n  id: " + "9" * 5000 + "\n",
                     ": not a dossier: Exceeds the limit (4300 digits) for integer string conversion: value has "
                     "5000 digits; use sys.set_int_max_str_digits() to increase the limit", id="huge-integer"),
    ],
)
def test_hostile_yaml_is_a_problem_for_its_file(data_dir: Path, text: str, message: str) -> None:
    (data_dir / "a-hostile.yaml").write_text(text, encoding="utf-8")
    separator = ", " if message.startswith("line") else ""
    assert _problems_beside_the_good_file(data_dir) == [f"events/data/a-hostile.yaml{separator}{message}"]
    with pytest.raises(DossierInvalid):
        dossier_from_file(data_dir / "a-hostile.yaml")


def test_a_small_alias_reused_by_events_still_loads(data_dir: Path) -> None:
    second = GOOD.split("events:\n")[1].replace("palmyra-withdrawal", "second").replace(
        "    claims:\n", "    claims: *claims\n    unused:\n"
    )
    text = GOOD.replace("    claims:\n", "    claims: &claims\n") + second.split("    unused:\n")[0]
    (data_dir / "a-alias.yaml").write_text(text, encoding="utf-8")
    catalogue = catalogue_from_directory(data_dir)
    assert [str(p) for p in catalogue.problems] == []
    assert [event.id for event in catalogue.events] == ["palmyra-withdrawal", "second", "raqqa-orders"]


def test_a_dossier_over_the_size_limit_is_a_problem_not_a_load(data_dir: Path) -> None:
    padding = "# " + "x" * 78 + "\n"
    (data_dir / "a-big.yaml").write_text(GOOD + padding * (DOSSIER_MAX_BYTES // len(padding) + 1), encoding="utf-8")
    assert _problems_beside_the_good_file(data_dir) == ["events/data/a-big.yaml: is larger than the limit of 1 MiB"]


def test_a_symlink_to_dev_zero_is_a_problem_and_never_read(data_dir: Path) -> None:
    (data_dir / "a-zero.yaml").symlink_to("/dev/zero")
    assert _problems_beside_the_good_file(data_dir) == ["events/data/a-zero.yaml: is outside the data directory"]


def test_a_symlink_to_a_dossier_outside_is_a_problem_and_never_read(data_dir: Path) -> None:
    (Path.cwd() / "outside.yaml").write_text("SECRET-MARKER: [", encoding="utf-8")
    (data_dir / "a-outside.yaml").symlink_to(Path.cwd() / "outside.yaml")
    assert _problems_beside_the_good_file(data_dir) == ["events/data/a-outside.yaml: is outside the data directory"]


@pytest.mark.parametrize(("make", "kind"), [(os.mkfifo, "a FIFO"), (os.mkdir, "a directory")], ids=["fifo", "dir"])
def test_a_dossier_that_is_not_a_regular_file_is_a_problem_and_never_waited_on(
    data_dir: Path, make: object, kind: str
) -> None:
    make(data_dir / "a-odd.yaml")  # type: ignore[operator]
    assert _problems_beside_the_good_file(data_dir) == [
        f"events/data/a-odd.yaml: is not a regular file ({kind}); only regular files are read"
    ]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        pytest.param("evidence: leaked-documents", "evidence: " + "x" * 100_000,
                     "claims[0].evidence: '" + "x" * 60 + "'... (100,000 characters) is not one of "
                     "leaked-documents, official-statement, news-report, visual-evidence, ngo-report, "
                     "expert-analysis, allegation", id="long-value"),
        pytest.param("date: 2016-03", "date: [" + "1, " * 10_000 + "1]",
                     "date: [1, 1, 1, 1, ...] is not a date; write YYYY-MM-DD, YYYY-MM, YYYY or unknown",
                     id="long-list"),
        pytest.param("title: Heavy weapons withdrawn from Palmyra", "title: {" + ", ".join(f"k{i}: 1" for i in range(5_000)) + "}",
                     "title: input should be a valid string (got {'k0': 1, 'k1': 1, 'k10': 1, 'k100': 1, ...})", id="mapping-for-text"),
    ],
)
def test_a_message_quotes_only_an_excerpt_of_a_value(data_dir: Path, old: str, new: str, message: str) -> None:
    (data_dir / "a-long.yaml").write_text(GOOD.replace(old, new, 1), encoding="utf-8")
    assert _problems_beside_the_good_file(data_dir) == [
        f"events/data/a-long.yaml: event 'palmyra-withdrawal', {message}"
    ]
