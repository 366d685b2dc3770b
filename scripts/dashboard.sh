#!/usr/bin/env bash
# Start the dashboard on the sample dossier (or on $EVENT_ATLAS_DATA), offline.
source "$(dirname "$0")/_venv.sh" requirements.txt
exec streamlit run dashboard.py "$@"
