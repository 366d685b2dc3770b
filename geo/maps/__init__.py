"""Drawing places: everything that turns already-resolved places into a picture.

The rest of ``geo`` finds places (gazetteer, parsing, resolution, online
geocoders); this subpackage only draws them, and never resolves a name itself.
``geo.outlines`` (the shipped basemap's country and region outlines) serves both.

- :mod:`geo.maps.leaflet`: the live folium/Leaflet map of placed items, its legend
  and the reading of a click.
- :mod:`geo.maps.pointlayer`: one Leaflet layer drawing tens of thousands of points
  and areas from a compact payload (the context layer).
- :mod:`geo.maps.standalone`: the one-file HTML map that opens from disk.
- :mod:`geo.maps.picture`: the static briefing picture (PNG slide, PDF page) of the
  same items, drawn with matplotlib from the live map's own plan.
- :mod:`geo.maps.fonts`: the picture's typefaces, with a fallback for Chinese, Japanese
  and Korean.

Imports flow one way: ``geo.maps`` uses ``geo.place`` and ``geo.outlines``;
nothing outside ``geo.maps`` in ``geo`` imports from it.
"""
