"""Answers of online geocoders, kept on disk with where and when each was fetched.

One SQLite file (:data:`CACHE_FILE` in the cache directory, ``$EVENT_ATLAS_CACHE`` or
``.cache/``) shared by every process: a name asked once is never asked again. An
answer is keyed by geocoder, server, query and the parameters sent; it holds the
location and the raw response, or ``None`` for "no match", which is an answer too.
An error or a timeout is not an answer and is never stored. Delete the file to
clear the cache.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from geopy.location import Location

from geo.exceptions import CacheUnavailable
from geo.gazetteer import cache_dir

CACHE_FILE = "geocoder-answers.sqlite"
_BUSY_SECONDS = 5.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    geocoder TEXT NOT NULL,
    domain TEXT NOT NULL,
    query TEXT NOT NULL,
    parameters TEXT NOT NULL,
    address TEXT,
    lat REAL,
    lon REAL,
    raw TEXT,
    fetched_at TEXT NOT NULL,
    PRIMARY KEY (geocoder, domain, query, parameters)
)
"""


@dataclass(frozen=True)
class Answer:
    """What a geocoder answered to one query; ``location`` is ``None`` when it found nothing."""

    geocoder: str
    domain: str
    query: str
    parameters: Mapping[str, Any]
    location: Location | None
    fetched_at: datetime

    @property
    def provenance(self) -> str:
        """Where the answer came from, for a reader: the raw match, the server, the time."""
        when = self.fetched_at.strftime("%Y-%m-%d %H:%M UTC")
        raw: Mapping[str, Any] = self.location.raw if self.location is not None else {}
        match = f"osm {raw['osm_type']} {raw['osm_id']} " if "osm_type" in raw and "osm_id" in raw else ""
        return f"{match}from {self.domain or self.geocoder}, fetched {when}"


def default_cache_path() -> Path:
    return cache_dir() / CACHE_FILE


class AnswerCache:
    """The SQLite file of answers; safe to share between threads and processes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        # sqlite3 connections may not cross threads: one per thread, opened on first use.
        self._local = threading.local()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db().execute(_SCHEMA)
        except (OSError, sqlite3.Error) as error:
            raise CacheUnavailable(
                f"{path}: the geocoder cache cannot be opened ({error}); set EVENT_ATLAS_CACHE to a writable directory"
            ) from error

    def get(self, geocoder: str, domain: str, query: str, parameters: Mapping[str, Any]) -> Answer | None:
        """The stored answer to exactly this query, or ``None`` if it was never asked (or
        what is stored is no place, e.g. a latitude of 999 kept by an older version)."""
        rows = self._run(
            "SELECT address, lat, lon, raw, fetched_at FROM answers"
            " WHERE geocoder = ? AND domain = ? AND query = ? AND parameters = ?",
            (geocoder, domain, query, _key(parameters)),
        )
        if not rows:
            return None
        address, lat, lon, raw, fetched_at = rows[0]
        try:
            location = None if raw is None else Location(address, (lat, lon), json.loads(raw))
        except (TypeError, ValueError):
            return None
        return Answer(geocoder, domain, query, parameters, location, datetime.fromisoformat(fetched_at))

    def put(self, answer: Answer) -> None:
        location = answer.location
        found = (location.address, location.latitude, location.longitude, json.dumps(location.raw)) if location else (None,) * 4
        self._run(
            "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (answer.geocoder, answer.domain, answer.query, _key(answer.parameters), *found,
             answer.fetched_at.isoformat()),
        )

    def _run(self, sql: str, parameters: tuple[object, ...]) -> list[tuple[Any, ...]]:
        try:
            with self._db() as db:
                return db.execute(sql, parameters).fetchall()
        except sqlite3.Error as error:
            raise CacheUnavailable(f"{self.path}: geocoder cache error ({error}); delete the file to reset it") from error

    def _db(self) -> sqlite3.Connection:
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=_BUSY_SECONDS)
            # Readers never wait for a writer, and a writer waits for another instead of failing.
            db.execute("PRAGMA journal_mode=WAL")
            self._local.db = db
        return db


def now() -> datetime:
    return datetime.now(UTC)


def _key(parameters: Mapping[str, Any]) -> str:
    return json.dumps(parameters, sort_keys=True, ensure_ascii=False)
