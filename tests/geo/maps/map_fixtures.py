"""Map test helpers (imported by the map tests): real places, and the map script run in Node."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from geo.maps.marks import Fill, MarkLook
from geo.place import Place, Precision

REPO = Path(__file__).resolve().parents[3]
ATLAS_JS = REPO / "assets" / "event-atlas" / "event-atlas.js"
FAKE_LEAFLET = Path(__file__).with_name("leaflet_fake.js")

HOSTILE = "<img src=x onerror=alert(1)> </script><script>alert(1)</script> ${alert(1)} `tick` C:\\data\\2024"


HOLLOW = MarkLook(fill=Fill.NONE, area_opacity=0.05, width=2)
DASHED = MarkLook(fill=Fill.NONE, area_opacity=0.05, dash=(6, 3), width=2.5)


def place(query: str, **fields: Any) -> Place:
    return Place(query=query, resolver="gazetteer", **fields)


ALEPPO = place("Aleppo", name="Aleppo", lat=36.20124, lon=37.16117, precision=Precision.CITY,
               country_code="SY", admin1="Aleppo Governorate")
PALMYRA = place("Palmyra", name="Tadmur", lat=34.56240, lon=38.28402, precision=Precision.CITY,
                country_code="SY", admin1="Homs Governorate")
RAQQA_PROVINCE = place("Raqqa province", name="Raqqa Governorate", lat=35.95, lon=39.0,
                       precision=Precision.REGION, country_code="SY", admin1="Raqqa Governorate",
                       geonameid=172957)
SYRIA = place("Syria", name="Syria", lat=35.0, lon=38.0, precision=Precision.COUNTRY, country_code="SY")
NOWHERE = place("Atlantis")


def run_in_node(script: str, tmp_path: Path, runs: int = 1) -> dict[str, Any]:
    """Run a page script (``runs`` times, as on reruns) against the recording Leaflet stand-in."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    script_file = tmp_path / "page.js"
    script_file.write_text(script, encoding="utf-8")
    done = subprocess.run([node, str(FAKE_LEAFLET), str(ATLAS_JS)] + [str(script_file)] * runs,
                          capture_output=True, text=True, timeout=60, check=False,
                          env={**os.environ, "ATLAS_ASSETS": str(REPO / "assets")})
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def node_syntax_error(script: str, tmp_path: Path) -> str:
    """What `node --check` says of a script ("" when it parses)."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    script_file = tmp_path / "check.js"
    script_file.write_text(script, encoding="utf-8")
    done = subprocess.run([node, "--check", str(script_file)], capture_output=True, text=True, timeout=60,
                          check=False)
    return done.stderr
