"""Loading dossiers: every kind of mistake an editor can make gives one exact message."""

import os
from pathlib import Path
from typing import Any

import pytest

from events.dossier import (
    ARTICLES,
    DATA_DIR,
    article_text,
    catalogue_from_directory,
    dossier_from_file,
)
from events.exceptions import DossierInvalid, FileRefused
from events.limits import ARTICLE_MAX_BYTES

SAMPLE_ARTICLE = DATA_DIR / "articles" / "2016-05-02-syria-isis-deals.txt"

GOOD = """\
article:
  id: syria-isis-deals
  title: Investigation claims Syrian government is making deals with ISIS
  publisher: Global News
  published: 2016-05-02
  path: articles/2016-05-02-syria-isis-deals.txt
events:
  - id: palmyra-withdrawal
    title: Heavy weapons withdrawn from Palmyra
    summary: One document orders heavy weapons moved to Raqqa province.
    event_type: troop-or-weapons-movement
    date: 2016-03
    date_kind: occurred
    places:
      - name: Palmyra
        role: origin
    claims:
      - claimant: Sky News
        evidence: leaked-documents
        verification: unverified
        chain: [ISIS defector, Sky News, Global News]
        quote:
          text: "“Withdraw all heavy artillery and anti-aircraft machine guns from in and around Palmyra to Raqqa province,”"
          start: 1041
          end: 1148
"""

OTHER_EVENT = GOOD.replace("id: syria-isis-deals", "id: other-article").replace(
    "id: palmyra-withdrawal", "id: raqqa-orders"
)

FILE = "events/data/x.yaml"
EVENT = f"{FILE}: event 'palmyra-withdrawal'"
QUOTE = "“Withdraw all heavy artillery and anti-aircraft machine guns from in and around Palmyra to Raqqa province,”"

BROKEN = [
    pytest.param(
        "evidence: leaked-documents",
        "evidence: leak",
        f"{EVENT}, claims[0].evidence: 'leak' is not one of leaked-documents, official-statement, "
        "news-report, visual-evidence, ngo-report, expert-analysis, allegation",
        id="evidence-outside-vocabulary",
    ),
    pytest.param(
        "verification: unverified",
        "verification: probably",
        f"{EVENT}, claims[0].verification: 'probably' is not one of confirmed, reported, unverified, "
        "alleged, disputed",
        id="verification-outside-vocabulary",
    ),
    pytest.param(
        "event_type: troop-or-weapons-movement",
        "event_type: massacre",
        f"{EVENT}, event_type: 'massacre' is not one of troop-or-weapons-movement, ground-offensive, "
        "airstrike, attack-on-civilian-site, headquarters-or-command, trade-or-deal, "
        "agreement-or-truce, diplomacy, sanctions, other",
        id="event-type-outside-vocabulary",
    ),
    pytest.param(
        "role: origin",
        "role: start",
        f"{EVENT}, places[0].role: 'start' is not one of location, origin, destination",
        id="place-role-outside-vocabulary",
    ),
    pytest.param(
        "verification: unverified\n",
        "verification: unverified\n        source: Sky\n",
        f"{EVENT}, claims[0].source: unknown field; allowed fields are claimant, evidence, "
        "verification, chain, accused, quote, note",
        id="unknown-claim-field",
    ),
    pytest.param(
        "role: origin\n",
        "role: origin\n        override: {lat: 34.56, lon: 38.28, precision: city, zoom: 9}\n",
        f"{EVENT}, places[0].override.zoom: unknown field; allowed fields are lat, lon, precision, note",
        id="unknown-override-field",
    ),
    pytest.param(
        "        verification: unverified\n",
        "",
        f"{EVENT}, claims[0].verification: required field is missing",
        id="missing-verification",
    ),
    pytest.param(
        "    title: Heavy weapons withdrawn from Palmyra\n",
        "",
        f"{EVENT}, title: required field is missing",
        id="missing-title",
    ),
    pytest.param(
        "  - id: palmyra-withdrawal\n    title",
        "  - title",
        f"{FILE}: events[0].id: required field is missing",
        id="missing-event-id",
    ),
    pytest.param(
        "id: palmyra-withdrawal",
        "id: Palmyra Withdrawal",
        f"{FILE}: event 'Palmyra Withdrawal', id: 'Palmyra Withdrawal' is not an id; "
        "use lowercase letters, digits and hyphens, e.g. palmyra-withdrawal",
        id="id-not-a-slug",
    ),
    pytest.param(
        "    date_kind: occurred",
        "    date_kind: occurred: yes",
        f"{FILE}, line 13: not valid YAML: mapping values are not allowed here",
        id="malformed-yaml",
    ),
    pytest.param(
        "    date_kind: occurred\n",
        "    date_kind: occurred\n    date: 2016-04\n",
        f"{FILE}, line 14: not valid YAML: duplicate key 'date'; keep one",
        id="duplicate-key",
    ),
    pytest.param(
        "date: 2016-03",
        "date: March 2016",
        f"{EVENT}, date: 'March 2016' is not a date; write YYYY-MM-DD, YYYY-MM, YYYY or unknown",
        id="date-in-words",
    ),
    pytest.param(
        "date: 2016-03",
        "date: 2016-02-30",
        f"{EVENT}, date: '2016-02-30' is not a date (day is out of range for month); "
        "write YYYY-MM-DD, YYYY-MM, YYYY or unknown",
        id="impossible-date",
    ),
    pytest.param(
        "published: 2016-05-02",
        "published: 2 May 2016",
        f"{FILE}: article.published: '2 May 2016' is not a date; write YYYY-MM-DD",
        id="published-in-words",
    ),
    pytest.param(
        "start: 1041",
        "start: 1040",
        f"{EVENT}, claims[0].quote: the quote is at 1041-1148, not 1040-1148; fix start and end",
        id="quote-offsets-off-by-one",
    ),
    pytest.param(
        "Raqqa province,”\"",
        "Raqqa Province,”\"",
        f"{EVENT}, claims[0].quote: the quote is not in the article; from character 1138 the text "
        "at 1041-1148 reads ' to Raqqa province,”', the quote ' to Raqqa Province,”'",
        id="quote-not-in-article",
    ),
    pytest.param(
        "end: 1148",
        "end: 9000",
        f"{EVENT}, claims[0].quote: the quote is at 1041-1148, not 1041-9000; fix start and end",
        id="quote-end-past-the-text",
    ),
    pytest.param(
        "path: articles/2016-05-02-syria-isis-deals.txt",
        "path: articles/missing.txt",
        f"{FILE}: article.path: 'articles/missing.txt' does not exist; "
        "give the text's path from the dossier's directory, e.g. articles/<id>.txt",
        id="missing-article-file",
    ),
    pytest.param(
        GOOD,
        "- just a list\n",
        f"{FILE}: not a dossier; write a mapping with article: and events:",
        id="not-a-mapping",
    ),
]


def _write(directory: Path, name: str, text: str) -> Path:
    """A dossier in ``directory/events/data``, with the sample article in its ``articles/``."""
    path = directory / "events" / "data" / name
    (path.parent / "articles").mkdir(parents=True, exist_ok=True)
    (path.parent / "articles" / SAMPLE_ARTICLE.name).write_bytes(SAMPLE_ARTICLE.read_bytes())
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``events/data`` under a temporary working directory, given as a relative path."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "events" / "data").mkdir(parents=True)
    return Path("events/data")


def test_the_minimal_dossier_loads(data_dir: Path) -> None:
    _write(Path.cwd(), "x.yaml", GOOD)
    catalogue = catalogue_from_directory(data_dir)
    assert [str(p) for p in catalogue.problems] == []
    assert [event.id for event in catalogue.events] == ["palmyra-withdrawal"]


@pytest.mark.parametrize(("old", "new", "message"), BROKEN)
def test_a_broken_dossier_gives_one_exact_message(data_dir: Path, old: str, new: str, message: str) -> None:
    assert old in GOOD
    _write(Path.cwd(), "x.yaml", GOOD.replace(old, new, 1))
    catalogue = catalogue_from_directory(data_dir)
    assert [str(p) for p in catalogue.problems] == [message]
    assert catalogue.events == ()


def test_an_unknown_top_level_field_is_reported_and_the_events_still_load(data_dir: Path) -> None:
    _write(Path.cwd(), "x.yaml", GOOD.replace("events:", "sources: []\nevents:"))
    catalogue = catalogue_from_directory(data_dir)
    assert [str(p) for p in catalogue.problems] == [
        f"{FILE}: sources: unknown field; allowed fields are article, events"
    ]
    assert len(catalogue.events) == 1


def test_an_event_id_used_in_two_dossiers_keeps_the_first(data_dir: Path) -> None:
    _write(Path.cwd(), "a.yaml", GOOD)
    _write(Path.cwd(), "b.yaml", GOOD.replace("id: syria-isis-deals", "id: another-article"))
    catalogue = catalogue_from_directory(data_dir)
    assert [str(p) for p in catalogue.problems] == [
        "events/data/b.yaml: event 'palmyra-withdrawal', id: already used in events/data/a.yaml; "
        "give each event its own id"
    ]
    assert [(d.article.id, len(d.events)) for d in catalogue.dossiers] == [
        ("syria-isis-deals", 1),
        ("another-article", 0),
    ]


def test_one_broken_dossier_does_not_stop_a_good_one(data_dir: Path) -> None:
    _write(Path.cwd(), "a-broken.yaml", OTHER_EVENT.replace("evidence: leaked-documents", "evidence: leak"))
    _write(Path.cwd(), "b-good.yaml", GOOD)
    catalogue = catalogue_from_directory(data_dir)
    assert [event.id for event in catalogue.events] == ["palmyra-withdrawal"]
    assert len(catalogue.problems) == 1
    assert str(catalogue.problems[0]).startswith("events/data/a-broken.yaml: event 'raqqa-orders', ")


def test_a_bad_event_does_not_stop_the_good_events_of_its_dossier(data_dir: Path) -> None:
    second = GOOD.split("events:\n")[1].replace("palmyra-withdrawal", "raqqa-orders")
    _write(Path.cwd(), "x.yaml", GOOD + second.replace("date: 2016-03", "date: soon"))
    catalogue = catalogue_from_directory(data_dir)
    assert [event.id for event in catalogue.events] == ["palmyra-withdrawal"]
    assert [str(p) for p in catalogue.problems] == [
        "events/data/x.yaml: event 'raqqa-orders', date: 'soon' is not a date; "
        "write YYYY-MM-DD, YYYY-MM, YYYY or unknown"
    ]


def test_loading_never_rewrites_a_dossier(data_dir: Path) -> None:
    broken = GOOD.replace("evidence: leaked-documents", "evidence: leak")
    paths = [_write(Path.cwd(), "a.yaml", GOOD), _write(Path.cwd(), "b.yaml", broken)]
    before = [(p.read_bytes(), p.stat().st_mtime_ns) for p in paths]
    catalogue_from_directory(data_dir)
    assert [(p.read_bytes(), p.stat().st_mtime_ns) for p in paths] == before


def test_a_dossier_that_is_not_utf8_is_a_problem_not_a_crash(data_dir: Path) -> None:
    _write(Path.cwd(), "a.yaml", GOOD)
    # A Windows-1252 curly quote, as a word processor might save it.
    (data_dir / "b.yaml").write_bytes(OTHER_EVENT.encode("utf-8").replace("“".encode(), b"\x93"))
    catalogue = catalogue_from_directory(data_dir)
    assert [str(p) for p in catalogue.problems] == [
        "events/data/b.yaml: cannot be read: not UTF-8 text (byte 682); save it as UTF-8"
    ]
    assert len(catalogue.events) == 1


def test_files_other_than_yaml_are_ignored(data_dir: Path) -> None:
    _write(Path.cwd(), "x.yaml", GOOD)
    _write(Path.cwd(), "notes.txt", "not a dossier")
    assert len(catalogue_from_directory(data_dir).events) == 1


def test_a_single_broken_file_raises_with_every_problem(data_dir: Path) -> None:
    broken = GOOD.replace("evidence: leaked-documents", "evidence: leak").replace("date: 2016-03", "date: soon")
    path = _write(Path.cwd(), "x.yaml", broken)
    with pytest.raises(DossierInvalid, match=r"(?s)date: 'soon' is not a date.*evidence: 'leak' is not one of"):
        dossier_from_file(path.relative_to(Path.cwd()))


def test_a_dossier_outside_the_working_directory_is_named_by_its_full_path(tmp_path: Path) -> None:
    path = _write(tmp_path, "x.yaml", GOOD.replace("date: 2016-03", "date: soon"))
    problems = catalogue_from_directory(path.parent).problems
    assert [p.file for p in problems] == [str(path)]


def test_the_catalogue_knows_each_event_s_article(data_dir: Path) -> None:
    _write(Path.cwd(), "a.yaml", GOOD)
    _write(Path.cwd(), "b.yaml", OTHER_EVENT)
    catalogue = catalogue_from_directory(data_dir)
    assert [catalogue.article_of(e.id).id for e in catalogue.events] == ["syria-isis-deals", "other-article"]
    with pytest.raises(KeyError):
        catalogue.article_of("nope")


SECRET = "SECRET-MARKER: nothing outside the data directory is ever read"
OUTSIDE = f"{FILE}: article.path: {{!r}} is outside the data directory; " + (
    "give the text's path from the dossier's directory, e.g. articles/<id>.txt"
)


@pytest.fixture
def secret(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A marker file beside the data directory, and the list of every file ``os.open`` opens."""
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    opened: list[str] = []
    real_open = os.open

    def spy(path: str | os.PathLike[str], *args: Any, **kwargs: Any) -> int:
        opened.append(os.fspath(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", spy)
    return opened


def _refused(data_dir: Path, path: str, opened: list[str]) -> list[str]:
    _write(Path.cwd(), "x.yaml", GOOD.replace("path: articles/2016-05-02-syria-isis-deals.txt", f"path: '{path}'"))
    catalogue = catalogue_from_directory(data_dir)
    assert catalogue.events == ()
    problems = [str(p) for p in catalogue.problems]
    assert not any("SECRET" in problem for problem in problems)
    assert not [name for name in opened if Path(name).resolve() == Path.cwd() / "secret.txt"]
    return problems


@pytest.mark.parametrize(
    "path", ["/etc/passwd", "../../etc/passwd", "/proc/self/environ", "../../secret.txt", "articles/../../../secret.txt"]
)
def test_an_article_path_that_leaves_the_data_directory_is_a_problem_and_reads_nothing(
    data_dir: Path, secret: list[str], path: str
) -> None:
    assert _refused(data_dir, path, secret) == [OUTSIDE.format(path)]


def test_the_absolute_path_of_a_file_outside_is_refused(data_dir: Path, secret: list[str]) -> None:
    path = str(Path.cwd() / "secret.txt")
    assert _refused(data_dir, path, secret) == [OUTSIDE.format(path)]


def test_a_symlink_to_a_file_outside_is_refused(data_dir: Path, secret: list[str]) -> None:
    (data_dir / "articles").mkdir()
    (data_dir / "articles" / "leak.txt").symlink_to(Path.cwd() / "secret.txt")
    assert _refused(data_dir, "articles/leak.txt", secret) == [OUTSIDE.format("articles/leak.txt")]


def test_a_symlinked_articles_directory_that_leads_outside_is_refused(data_dir: Path, secret: list[str]) -> None:
    (data_dir / "articles").symlink_to(Path.cwd())
    assert _refused(data_dir, "articles/secret.txt", secret) == [OUTSIDE.format("articles/secret.txt")]


def test_a_symlink_to_dev_zero_is_refused(data_dir: Path, secret: list[str]) -> None:
    (data_dir / "articles").mkdir()
    (data_dir / "articles" / "zero.txt").symlink_to("/dev/zero")
    assert _refused(data_dir, "articles/zero.txt", secret) == [OUTSIDE.format("articles/zero.txt")]


def test_a_symlink_that_stays_inside_the_data_directory_is_followed(data_dir: Path) -> None:
    _write(Path.cwd(), "x.yaml", GOOD.replace("path: articles/", "path: texts/"))
    (data_dir / "texts").symlink_to("articles")
    assert [str(p) for p in catalogue_from_directory(data_dir).problems] == []


@pytest.mark.parametrize(
    ("make", "kind"),
    [(os.mkfifo, "a FIFO"), (os.mkdir, "a directory")],
    ids=["fifo", "directory"],
)
def test_an_article_that_is_not_a_regular_file_is_refused_without_waiting(
    data_dir: Path, secret: list[str], make: Any, kind: str
) -> None:
    (data_dir / "articles").mkdir()
    make(data_dir / "articles" / "odd.txt")
    assert _refused(data_dir, "articles/odd.txt", secret) == [
        f"{FILE}: article.path: 'articles/odd.txt' is not a regular file ({kind}); only regular files are read; "
        "give the text's path from the dossier's directory, e.g. articles/<id>.txt"
    ]


def test_an_article_over_the_size_limit_is_a_problem(data_dir: Path) -> None:
    _write(Path.cwd(), "x.yaml", GOOD)
    (data_dir / "articles" / "2016-05-02-syria-isis-deals.txt").write_bytes(b"x" * (ARTICLE_MAX_BYTES + 1))
    assert [str(p) for p in catalogue_from_directory(data_dir).problems] == [
        f"{FILE}: article.path: 'articles/2016-05-02-syria-isis-deals.txt' is larger than the limit of 1 MiB; "
        "give the text's path from the dossier's directory, e.g. articles/<id>.txt"
    ]


def test_article_text_refuses_a_path_outside_the_data_directory() -> None:
    (dossier,) = catalogue_from_directory(DATA_DIR).dossiers
    outside = dossier.article.model_copy(update={"path": "../../README.md"})
    with pytest.raises(FileRefused, match=r"^'../../README.md': is outside the data directory$"):
        article_text(outside, DATA_DIR)


def test_the_data_directory_keeps_each_article_in_articles_beside_its_dossier() -> None:
    """The layout: ``DIR/<id>.yaml`` says ``path: articles/<id>.txt``, the text is ``DIR/articles/<id>.txt``."""
    catalogue = catalogue_from_directory(DATA_DIR)
    dossier_files = sorted(p.stem for p in DATA_DIR.glob("*.yaml"))
    assert [d.article.id for d in catalogue.dossiers] == dossier_files
    assert [d.article.path for d in catalogue.dossiers] == [f"articles/{name}.txt" for name in dossier_files]
    assert sorted(p.name for p in (DATA_DIR / ARTICLES).iterdir()) == [f"{name}.txt" for name in dossier_files]
