"""The map page under hostile links and files: each is refused with a word, the rest still works."""

from __future__ import annotations

import csv
import io
import json
import logging
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from tests.dashboard.conftest import REPO
from tests.events.test_acled import HEADER, _with
from tests.fixtures.articles import copy_sample_article
from tests.fixtures.hostile import HOSTILE

MIX = REPO / "tests" / "fixtures" / "dossiers"

OpenApp = Callable[..., AppTest]


def _plain(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown.replace("\u2060", ""))


def _showing(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("Showing"))


def test_a_link_of_1610_commas_opens_the_whole_view(app: OpenApp) -> None:
    at = app(evidence="," * 1610)
    assert not at.exception
    assert [_plain(info.value) for info in at.info] == []
    assert _showing(at) == "Showing **13** of **13** events"


def test_a_link_over_the_size_limit_is_refused_with_a_notice(app: OpenApp) -> None:
    at = app(evidence="allegation", q="x" * 8000)
    assert not at.exception
    assert [_plain(info.value) for info in at.info] == [
        "the link's filters are 8,023 characters long, over the limit of 8,000; they are all ignored"
    ]
    assert _showing(at) == "Showing **13** of **13** events"


def _context_payload(at: AppTest) -> dict[str, Any]:
    (component,) = at.get("component_instance")
    script = json.loads(component.proto.json_args)["feature_group"]
    found = re.search(r"\}\)\(feature_group_feature_group_0, (\{.*\})\);", script)
    assert found is not None
    payload: dict[str, Any] = json.loads(found.group(1))
    return payload


def test_hostile_acled_files_leave_the_map_and_the_good_rows_standing(app: OpenApp, tmp_path: Path) -> None:
    shutil.copy(MIX / "sourcing-mix.yaml", copy_sample_article(tmp_path))
    row = io.StringIO()
    csv.writer(row, lineterminator="\n").writerows([
        HEADER.split(","),
        _with(event_id_cnty="SYR7", location=HOSTILE, admin1=HOSTILE, actor1=HOSTILE).split(","),
        _with(event_id_cnty="SYR8", event_date="0001-01-01", time_precision="2").split(","),
    ])
    (tmp_path / "a-hostile.csv").write_text(row.getvalue(), encoding="utf-8")
    (tmp_path / "b-utf16.csv").write_bytes(row.getvalue().encode("utf-16"))
    (tmp_path / "c-twice.csv").write_text(HEADER + ",latitude\n", encoding="utf-8")
    at = app(tmp_path)
    assert not at.exception
    assert _showing(at) == "Showing **6** of **6** events"
    (warning,) = at.sidebar.warning
    assert _plain(warning.value).splitlines()[-3:] == [
        "- a-hostile.csv: row 3 (SYR8): event_date '0001-01-01' is outside 1900-01-01..2100-12-31",
        "- b-utf16.csv: row 1: not UTF-8 text; export or save it as UTF-8 CSV",
        "- c-twice.csv: row 1: the header names column(s) 'latitude' (2 times); keep one of each",
    ]
    payload = _context_payload(at)
    assert (payload["places"][0][2], payload["ids"]) == (HOSTILE, ["SYR7"])


class _Kept(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def test_a_viewer_sees_no_traceback_and_the_server_log_keeps_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)  # where Streamlit reads .streamlit/config.toml from
    log = _Kept()
    logging.getLogger("streamlit.error_util").addHandler(log)
    try:
        at = AppTest.from_string("raise RuntimeError('failed in /srv/secret/app.py')").run()
    finally:
        logging.getLogger("streamlit.error_util").removeHandler(log)
    (shown,) = at.exception
    assert (shown.message, shown.stack_trace) == (
        "This app has encountered an error. The original error message is redacted to prevent data leaks. "
        "Full error details have been recorded in the logs (if you're on Streamlit Cloud, click on "
        "'Manage app' in the lower right of your app).",
        [],
    )
    assert "/srv/secret" not in str(shown.proto)
    (record,) = log.records
    assert record.exc_info is not None and str(record.exc_info[1]) == "failed in /srv/secret/app.py"
