"""Event Atlas served with its data loaded when the server starts, not in a viewer's first run.

    streamlit run serve.py

The same app as ``streamlit run dashboard.py``; as it starts, the server also starts reading
the data directory's context layer (:func:`events.context.directory_index`, on a thread of
its own: a first load of a large export takes seconds) and imports the project's modules the
dashboard imports (with folium and matplotlib: half a second of CPU, which a first viewer's
run would otherwise wait for), before it answers.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import streamlit as st

from events.context import directory_index
from events.dossier import default_data_dir

PROJECT = Path(__file__).resolve().parent
DASHBOARD = PROJECT / "dashboard.py"


def project_imports(script: Path = DASHBOARD) -> list[str]:
    """The modules of this project's own packages that the script imports at its top level,
    in its order (``from events import briefing`` names the module ``events.briefing``).
    Not the others: a Streamlit component (streamlit-folium) registers with the server only
    when it is imported in a script run, and is not even looked into here."""
    packages = {path.name for path in PROJECT.iterdir() if (path / "__init__.py").is_file()}
    modules: list[str] = []
    for node in ast.parse(script.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import):
            modules += [alias.name for alias in node.names if alias.name.split(".")[0] in packages]
        elif (isinstance(node, ast.ImportFrom) and node.module and not node.level
              and node.module.split(".")[0] in packages):
            modules.append(node.module)
            spec = importlib.util.find_spec(node.module)
            if spec is not None and spec.submodule_search_locations is not None:  # a package
                modules += [f"{node.module}.{alias.name}" for alias in node.names
                            if importlib.util.find_spec(f"{node.module}.{alias.name}") is not None]
    return list(dict.fromkeys(modules))


@asynccontextmanager
async def _load_at_start(_app: Any) -> AsyncIterator[None]:
    directory_index(default_data_dir())  # on its own thread
    for module in project_imports():
        importlib.import_module(module)
    yield


app = st.App("dashboard.py", lifespan=_load_at_start)
