"""Event Atlas served with its data loaded when the server starts, not in a viewer's first run.

    streamlit run serve.py

The same app as ``streamlit run dashboard.py``; the server also starts reading the data
directory's context layer (:func:`events.context.directory_index`) as it starts, so the
first viewer finds it loaded, or read back from its store in well under a second.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import streamlit as st

from events.context import directory_index
from events.dossier import default_data_dir


@asynccontextmanager
async def _load_at_start(_app: Any) -> AsyncIterator[None]:
    directory_index(default_data_dir())  # on its own thread: the server starts at once
    yield


app = st.App("dashboard.py", lifespan=_load_at_start)
