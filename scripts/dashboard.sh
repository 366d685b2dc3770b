#!/usr/bin/env bash
# Start the dashboard on the sample dossier (or on $EVENT_ATLAS_DATA), offline. serve.py is
# dashboard.py with the context layer loaded as the server starts, not in a viewer's run.
source "$(dirname "$0")/_venv.sh" requirements.txt
exec streamlit run serve.py "$@"
