"""``python -m events validate`` and ``schema``: output and exit codes."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from events.__main__ import main
from events.dossier import REPO_ROOT
from tests.fixtures.articles import copy_sample_article

SAMPLE = (REPO_ROOT / "events/data/2016-05-02-syria-isis-deals.yaml").read_text(encoding="utf-8")


def test_validate_accepts_the_sample(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 0
    assert capsys.readouterr().out == "ok: 13 events in 1 dossier\n"


def test_validate_prints_every_problem_and_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    copy_sample_article(tmp_path / "data")
    (tmp_path / "data/a.yaml").write_text(SAMPLE, encoding="utf-8")
    broken = SAMPLE.replace("id: 2016-05-02-syria-isis-deals", "id: copy").replace(
        "evidence: expert-analysis", "evidence: opinion", 1
    )
    (tmp_path / "data/b.yaml").write_text(broken, encoding="utf-8")
    assert main(["validate", "--data", "data"]) == 1
    output = capsys.readouterr()
    lines = output.out.splitlines()
    assert lines[0].startswith(
        "data/b.yaml: event 'isis-nusra-non-aggression', claims[0].evidence: 'opinion' is not one of"
    )
    assert lines[1] == (
        "data/b.yaml: event 'palmyra-weapons-withdrawal', id: already used in data/a.yaml; "
        "give each event its own id"
    )
    assert len(lines) == 13
    assert output.err == "13 problems; 13 events in 2 dossiers loaded\n"


def test_validate_refuses_a_missing_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--data", str(tmp_path / "nowhere")]) == 2
    assert capsys.readouterr().err == f"{tmp_path / 'nowhere'}: not a directory of dossiers\n"


def test_the_data_directory_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "x.yaml").write_text("article: [", encoding="utf-8")
    monkeypatch.setenv("EVENT_ATLAS_DATA", str(tmp_path))
    assert main(["validate"]) == 1
    assert capsys.readouterr().out.startswith(f"{tmp_path / 'x.yaml'}, line 1: not valid YAML: ")


def test_schema_describes_the_dossier_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["required"] == ["article"]
    assert schema["$defs"]["Evidence"]["enum"] == [
        "leaked-documents", "official-statement", "news-report", "visual-evidence",
        "ngo-report", "expert-analysis", "allegation",
    ]
    assert schema["$defs"]["Event"]["properties"]["date"]["pattern"] == r"^(\d{4}(-\d{2}(-\d{2})?)?|unknown)$"
    assert schema["$defs"]["Event"]["additionalProperties"] is False


def test_the_schema_kept_for_editors_is_current(capsys: pytest.CaptureFixture[str]) -> None:
    main(["schema"])
    kept = (REPO_ROOT / "events/dossier.schema.json").read_text(encoding="utf-8")
    assert kept == capsys.readouterr().out, "run: python -m events schema > events/dossier.schema.json"


def test_the_module_runs_as_a_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "events", "validate"], cwd=REPO_ROOT, capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stdout) == (0, "ok: 13 events in 1 dossier\n")


@pytest.mark.parametrize("command", ["schema", "export", "validate"])
def test_a_reader_that_stops_early_gets_no_traceback(command: str) -> None:
    # As in `python -m events schema | head -1`: the pipe closes before the command writes.
    process = subprocess.Popen(
        [sys.executable, "-m", "events", command], cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert (process.wait(timeout=60), stderr) == (0, "")

ARTICLE = "events/data/articles/2016-05-02-syria-isis-deals.txt"


@pytest.mark.parametrize(
    ("words", "code", "out"),
    [
        (
            "to Raqqa province",
            0,
            'quote:\n  text: "to Raqqa province"\n  start: 1129\n  end: 1146\n',
        ),
        (
            "SANA, a Syrian government soldier",
            0,
            "# found 2 times; the first is shown, the others start at 374\n"
            'quote:\n  text: "SANA, a Syrian government soldier"\n  start: 168\n  end: 201\n',
        ),
        ("to Raqqa Province", 1, ""),
    ],
)
def test_quote_prints_the_block_for_a_dossier(
    words: str, code: int, out: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(REPO_ROOT)
    assert main(["quote", ARTICLE, words]) == code
    assert capsys.readouterr().out == out


@pytest.mark.parametrize("cache", ["/proc/event-atlas-cache", "a-file"])
@pytest.mark.parametrize("command", [["events", "export", "--format", "csv"], ["geo", "resolve", "Palmyra"]])
def test_an_unusable_cache_directory_is_one_line_not_a_traceback(
    cache: str, command: list[str], tmp_path: Path
) -> None:
    (tmp_path / "a-file").write_text("not a directory", encoding="utf-8")
    environment = {**os.environ, "EVENT_ATLAS_CACHE": str(tmp_path / cache) if cache == "a-file" else cache}
    result = subprocess.run([sys.executable, "-m", *command], cwd=REPO_ROOT, env=environment,
                            capture_output=True, text=True, timeout=120)
    (line,) = result.stderr.splitlines()
    assert (result.returncode, result.stdout) == (1, "")
    assert line.endswith("; check that EVENT_ATLAS_CACHE (or .cache/ in the repo) is writable")
    assert "could not build the gazetteer index at " in line
