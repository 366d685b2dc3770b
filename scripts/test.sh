#!/usr/bin/env bash
# Run the whole test suite: unit, AppTest and real-browser tests.
source "$(dirname "$0")/_venv.sh" requirements-dev.txt
if [ ! -x /usr/bin/chromium ]; then
  # The browser tests drive Debian's Chromium; Playwright cannot download one here.
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
fi
if ! command -v node >/dev/null; then
  # The map tests run the map's own script in Node.
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs
fi
if [ ! -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ]; then
  # Briefing pictures set Chinese, Japanese and Korean in WenQuanYi Micro Hei.
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei
fi
exec python -m pytest "$@"
