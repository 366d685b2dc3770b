# Sourced by the other scripts: make sure a virtual environment with the
# project's requirements exists, then activate it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
VENV="${EVENT_ATLAS_VENV:-.venv}"
PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import venv, ensurepip' 2>/dev/null; then
  # Debian splits venv and ensurepip into python3-venv.
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv
fi
[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
# shellcheck disable=SC1091
source "$VENV/bin/activate"
stamp="$VENV/.requirements-stamp"
want="$(cat requirements.txt "$1")"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  python -m pip install -q --disable-pip-version-check -r "$1"
  printf '%s' "$want" > "$stamp"
fi
