"""Country and first-level region outlines from the shipped offline basemap.

The outlines are Natural Earth's 1:10m admin-1 states and provinces, simplified
(see ``assets/basemap/README.md``); countries are those regions dissolved by
ISO code, so the two layers share their borders.

    country_outline("SY")                         -> Outline of Syria
    region_outline("SY", geonameid=172957)        -> Outline of Ar Raqqah
    region_outline("SY", name="Raqqa Governorate") -> the same region

A region is matched by its GeoNames id first (Natural Earth carries ``gn_id``),
then by its normalised name or alternative names within the country.
Both return ``None`` when nothing matches.

Reading the GeoJSON takes seconds, so each file is kept parsed beside the other generated
files (:func:`geo.gazetteer.cache_dir`) as one ``.npz``: every feature's properties,
bounding box and rings as flat arrays, and its geometry's JSON text. The stored form is
named and stamped with the digest of the source file's bytes: a changed source is read
anew, and a stale, truncated or unreadable stored form is never used (it is rebuilt).
An outline's geometry is only parsed when it is asked for.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict

from geo.exceptions import BasemapUnavailable

BASEMAP_DIR = Path(__file__).resolve().parents[1] / "assets" / "basemap"
COUNTRIES_FILE = BASEMAP_DIR / "countries.json"
REGIONS_FILE = BASEMAP_DIR / "admin1.json"
STORED_FORMAT = 1
"""Changes when the stored form's layout does, so that older stored files are not read."""

# Words a gazetteer or an article adds to a region's name that Natural Earth leaves out.
_GENERIC_WORDS = frozenset(
    {"governorate", "province", "provincia", "region", "state", "district", "muhafazat", "wilayat", "oblast"}
)
_ARABIC_ARTICLES = frozenset({"al", "ar", "as", "ad", "ash", "an", "az", "at", "el", "es", "ed", "er"})
_ARRAYS = ("digest", "properties", "boxes", "vertices", "ring_starts", "feature_rings", "geometry_text",
           "geometry_starts")


class Outline(BaseModel):
    """A named area's GeoJSON geometry (``Polygon`` or ``MultiPolygon``)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    country_code: str
    geonameid: int | None = None
    geometry: dict[str, Any]


@dataclass(frozen=True, eq=False)
class OutlineLayer:
    """One basemap file's features (those with a geometry), in file order, as arrays."""

    properties: tuple[dict[str, Any], ...]
    boxes: np.ndarray
    """(features, 4): west, south, east, north."""
    vertices: np.ndarray
    """(points, 2): longitude and latitude of every ring, one ring after another."""
    ring_starts: np.ndarray
    """(rings + 1,): where each ring starts in ``vertices``."""
    feature_rings: np.ndarray
    """(features + 1,): where each feature's rings start in ``ring_starts``."""
    geometry_text: bytes
    geometry_starts: np.ndarray
    """(features + 1,): where each feature's geometry JSON starts in ``geometry_text``."""

    def __len__(self) -> int:
        return len(self.properties)

    def geometry(self, feature: int) -> dict[str, Any]:
        """The feature's GeoJSON geometry, exactly as the source file has it."""
        start, end = self.geometry_starts[feature], self.geometry_starts[feature + 1]
        geometry: dict[str, Any] = json.loads(self.geometry_text[start:end])
        return geometry

    def rings(self, feature: int) -> list[np.ndarray]:
        """The feature's rings (outer and holes alike), each a (points, 2) array."""
        first, last = self.feature_rings[feature], self.feature_rings[feature + 1]
        starts = self.ring_starts[first:last + 1]
        return [self.vertices[a:b] for a, b in zip(starts[:-1], starts[1:])]

    def overlapping(self, west: float, south: float, east: float, north: float) -> np.ndarray:
        """The features whose bounding box meets the given one, in file order."""
        boxes = self.boxes
        hit = (boxes[:, 0] <= east) & (boxes[:, 2] >= west) & (boxes[:, 1] <= north) & (boxes[:, 3] >= south)
        return np.flatnonzero(hit)


def country_outline(country_code: str) -> Outline | None:
    """The outline of a country given its ISO 3166-1 alpha-2 code."""
    feature = _countries().get(country_code.upper())
    return None if feature is None else _country(feature)


def country_code_of(name: str) -> str | None:
    """The ISO 3166-1 alpha-2 code of a country named as the basemap names it ("Syria")."""
    folded = normalised_name(name)
    layer = countries_layer()
    return next((code for code, feature in _countries().items()
                 if normalised_name(_country_name(layer.properties[feature], code)) == folded), None)


def region_outline(
    country_code: str, name: str | None = None, geonameid: int | None = None
) -> Outline | None:
    """The outline of a first-level region, by GeoNames id, else by name within the country."""
    index = _regions()
    if geonameid is not None and geonameid in index.by_geonameid:
        return _region(index.by_geonameid[geonameid])
    if name is None:
        return None
    feature = index.by_name.get((country_code.upper(), normalised_name(name)))
    return None if feature is None else _region(feature)


def normalised_name(name: str) -> str:
    """A region name folded for matching: no accents, case, punctuation, articles or 'governorate'."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    folded = re.sub(r"\([^)]*\)", " ", folded)
    words = re.sub(r"[^a-z0-9]+", " ", folded).split()
    words = [w for w in words if w not in _GENERIC_WORDS]
    if len(words) > 1 and words[0] in _ARABIC_ARTICLES:
        words = words[1:]
    return " ".join(words)


# ---------------------------------------------------------------- the two layers


@cache
def countries_layer() -> OutlineLayer:
    """Every country of the basemap (read once per process)."""
    return outline_layer(COUNTRIES_FILE, _stored_dir())


@cache
def regions_layer() -> OutlineLayer:
    """Every first-level region of the basemap (read once per process)."""
    return outline_layer(REGIONS_FILE, _stored_dir())


def _stored_dir() -> Path:
    # Imported here: the gazetteer's module imports this one.
    from geo.gazetteer import cache_dir

    return cache_dir()


def _country_name(properties: dict[str, Any], code: str) -> str:
    return str(properties.get("admin") or code)


@lru_cache(maxsize=1)
def _countries() -> dict[str, int]:
    features: dict[str, int] = {}
    for feature, properties in enumerate(countries_layer().properties):
        code = str(properties.get("iso_a2") or "")
        if len(code) == 2:
            features[code] = feature
    return features


@lru_cache(maxsize=512)
def _country(feature: int) -> Outline:
    layer = countries_layer()
    code = str(layer.properties[feature]["iso_a2"])
    return Outline(name=_country_name(layer.properties[feature], code), country_code=code,
                   geometry=layer.geometry(feature))


@dataclass(frozen=True)
class _RegionIndex:
    by_geonameid: dict[int, int]
    by_name: dict[tuple[str, str], int]


def _geonameid(properties: dict[str, Any]) -> int | None:
    gn_id = properties.get("gn_id")
    return gn_id if isinstance(gn_id, int) and gn_id > 0 else None


def _region_names(properties: dict[str, Any]) -> set[str]:
    names = {properties.get("name"), properties.get("name_en")}
    names.update(str(properties.get("name_alt") or "").split("|"))
    folded = {normalised_name(n) for n in names if n}
    return {n for n in folded if n}


@lru_cache(maxsize=1)
def _regions() -> _RegionIndex:
    by_geonameid: dict[int, int] = {}
    by_name: dict[tuple[str, str], int] = {}
    for feature, properties in enumerate(regions_layer().properties):
        code = str(properties.get("iso_a2") or "").upper()
        geonameid = _geonameid(properties)
        if geonameid is not None:
            by_geonameid.setdefault(geonameid, feature)
        for name in _region_names(properties):
            by_name.setdefault((code, name), feature)
    return _RegionIndex(by_geonameid=by_geonameid, by_name=by_name)


@lru_cache(maxsize=1024)
def _region(feature: int) -> Outline:
    layer = regions_layer()
    properties = layer.properties[feature]
    return Outline(name=str(properties.get("name") or ""), country_code=str(properties.get("iso_a2") or "").upper(),
                   geonameid=_geonameid(properties), geometry=layer.geometry(feature))


# ---------------------------------------------------------------- reading, and the stored form


def outline_layer(source: Path, stored_dir: Path) -> OutlineLayer:
    """``source`` parsed, from its stored form in ``stored_dir`` when that is current and
    whole; otherwise parsed from the GeoJSON and stored (if the directory is writable)."""
    try:
        content = source.read_bytes()
    except OSError as error:
        raise _unavailable(source, error) from error
    digest = f"{STORED_FORMAT}-{hashlib.sha256(content).hexdigest()}"
    stored = stored_dir / f"outlines-{source.stem}-{digest[:18]}.npz"
    layer = _read_stored(stored, digest)
    if layer is None:
        layer = _parsed(source, content)
        _store(layer, stored, digest)
    return layer


def _unavailable(source: Path, error: Exception) -> BasemapUnavailable:
    return BasemapUnavailable(
        f"{source}: cannot read the basemap outlines ({error}); restore the file from the repository")


def _parsed(source: Path, content: bytes) -> OutlineLayer:
    try:
        features = [f for f in json.loads(content)["features"] if f.get("geometry")]
        rings = [np.asarray(ring, dtype=np.float64).reshape(-1, 2) for feature in features
                 for ring in _rings(feature["geometry"])]
        counts = [sum(1 for _ in _rings(feature["geometry"])) for feature in features]
    except (ValueError, KeyError, TypeError) as error:
        raise _unavailable(source, error) from error
    texts = [json.dumps(feature["geometry"], separators=(",", ":")).encode() for feature in features]
    vertices = np.concatenate(rings) if rings else np.zeros((0, 2))
    boxes = np.array([[ring[:, 0].min(), ring[:, 1].min(), ring[:, 0].max(), ring[:, 1].max()] for ring in rings])
    feature_rings = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    feature_boxes = np.array([[boxes[a:b, 0].min(), boxes[a:b, 1].min(), boxes[a:b, 2].max(), boxes[a:b, 3].max()]
                              for a, b in zip(feature_rings[:-1], feature_rings[1:])]).reshape(-1, 4)
    return OutlineLayer(
        properties=tuple(feature["properties"] for feature in features),
        boxes=feature_boxes,
        vertices=vertices,
        ring_starts=np.concatenate([[0], np.cumsum([len(ring) for ring in rings])]).astype(np.int64),
        feature_rings=feature_rings,
        geometry_text=b"".join(texts),
        geometry_starts=np.concatenate([[0], np.cumsum([len(text) for text in texts])]).astype(np.int64),
    )


def _rings(geometry: dict[str, Any]) -> list[list[list[float]]]:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [ring for polygon in polygons for ring in polygon]


def _read_stored(path: Path, digest: str) -> OutlineLayer | None:
    """The stored layer, or None if it is absent, of another source, or not whole."""
    try:
        with np.load(path, allow_pickle=False) as stored:
            if set(stored.files) != set(_ARRAYS) or str(stored["digest"]) != digest:
                return None
            layer = OutlineLayer(
                properties=tuple(json.loads(stored["properties"].tobytes())),
                boxes=stored["boxes"], vertices=stored["vertices"], ring_starts=stored["ring_starts"],
                feature_rings=stored["feature_rings"], geometry_text=stored["geometry_text"].tobytes(),
                geometry_starts=stored["geometry_starts"])
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
        return None
    return layer if _consistent(layer) else None


def _consistent(layer: OutlineLayer) -> bool:
    """The arrays agree with each other (a stored file cut short or edited would not)."""
    count = len(layer)
    return bool(
        layer.boxes.shape == (count, 4) and layer.vertices.ndim == 2 and layer.vertices.shape[1] == 2
        and len(layer.feature_rings) == count + 1 and len(layer.geometry_starts) == count + 1
        and layer.feature_rings[-1] == len(layer.ring_starts) - 1
        and layer.ring_starts[-1] == len(layer.vertices)
        and layer.geometry_starts[-1] == len(layer.geometry_text)
        and np.all(np.diff(layer.ring_starts) >= 0) and np.all(np.diff(layer.feature_rings) >= 0)
        and np.all(np.diff(layer.geometry_starts) >= 0))


def _store(layer: OutlineLayer, path: Path, digest: str) -> None:
    """Write the stored form whole or not at all (a new name, then renamed): readers never
    see half a file. An unwritable directory only costs speed: the source is parsed again."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=path.stem, suffix=".part")
    except OSError:
        return
    part = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            np.savez(stream, digest=np.array(digest),
                     properties=np.frombuffer(json.dumps(layer.properties).encode(), dtype=np.uint8),
                     boxes=layer.boxes, vertices=layer.vertices, ring_starts=layer.ring_starts,
                     feature_rings=layer.feature_rings,
                     geometry_text=np.frombuffer(layer.geometry_text, dtype=np.uint8),
                     geometry_starts=layer.geometry_starts)
        os.replace(part, path)
    except OSError:
        part.unlink(missing_ok=True)
