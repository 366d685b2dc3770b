/* Event Atlas map layers.
 *
 * Every text shown on the map arrives as JSON data and is put into the page
 * with textContent: nothing from a dossier is ever parsed as HTML or script.
 * Each event's main layer carries the option `eventId`; secondary layers of
 * the same event (arrowheads, destination areas) carry `eventRef` instead, so
 * a test counting `eventId` finds exactly one layer per drawn event.
 */
(function () {
  "use strict";

  var loaded = {};

  /* A tooltip near the map's edge is moved back inside it rather than cut off (Leaflet
   * only chooses left or right of the pointer). */
  if (typeof L !== "undefined" && L.Tooltip && L.Tooltip.prototype._setPosition && !L.Tooltip.prototype.eaKeptInside) {
    var placeTooltip = L.Tooltip.prototype._setPosition;
    L.Tooltip.prototype._setPosition = function (pos) {
      placeTooltip.call(this, pos);
      var map = this._map, box = this._container;
      if (!map || !box) { return; }
      var at = L.DomUtil.getPosition(box), pane = map._getMapPanePos(), size = map.getSize();
      var x = at.x + pane.x, y = at.y + pane.y;
      var dx = Math.max(0, -x) - Math.max(0, x + box.offsetWidth - size.x);
      var dy = Math.max(0, -y) - Math.max(0, y + box.offsetHeight - size.y);
      if (dx || dy) { L.DomUtil.setPosition(box, at.add([dx, dy])); }
    };
    L.Tooltip.prototype.eaKeptInside = true;
  }
  /* streamlit-folium starts from a default whose click count is None but sends 0 for a map
   * no one has clicked, so the map's first moveend would ask for a rerun that changes
   * nothing: one more run of the whole page for every viewer, arriving late when the
   * machine is busy. Start from the value it will send. */
  var shared = window.__GLOBAL_DATA__;
  if (shared && shared.previous_data && shared.previous_data.last_object_clicked_count === null) {
    shared.previous_data = Object.assign({}, shared.previous_data, {last_object_clicked_count: 0});
  }
  var lastSelection = "";  /* what the last item group drawn had selected */

  function fetchJson(url) {
    if (!loaded[url]) {
      loaded[url] = fetch(url).then(function (response) {
        if (!response.ok) { throw new Error(url + ": HTTP " + response.status); }
        return response.json();
      });
    }
    return loaded[url];
  }

  function basemapPane(map) {
    if (!map.getPane("ea-basemap")) {
      map.createPane("ea-basemap").style.zIndex = 250;
    }
    return L.canvas({ pane: "ea-basemap", padding: 0.5 });
  }

  /* [south, west, north, east] of a feature's coordinates. */
  function featureBox(feature) {
    var box = [90, 180, -90, -180];
    (function walk(coords) {
      if (typeof coords[0] === "number") {
        box = [Math.min(box[0], coords[1]), Math.min(box[1], coords[0]),
               Math.max(box[2], coords[1]), Math.max(box[3], coords[0])];
      } else {
        coords.forEach(walk);
      }
    })(feature.geometry ? feature.geometry.coordinates : []);
    return box;
  }

  /* A layer group filled from GeoJSON given inline or fetched from a URL, with the features
   * near the view only, the others as the view reaches them: a Leaflet layer for every
   * region of the world costs the browser more than 50,000 events do.
   * A failed fetch leaves the group empty: the events still draw. */
  function outlineLayer(map, source, style) {
    var group = L.layerGroup();
    var renderer = basemapPane(map);
    var layer = null;
    group.restyle = function () { if (layer) { layer.setStyle(style); } };
    var data = typeof source === "string" ? fetchJson(source) : Promise.resolve(source);
    data.then(function (geojson) {
      layer = L.geoJSON(null, { style: style, renderer: renderer, interactive: false }).addTo(group);
      var waiting = geojson.features.map(function (feature) { return [feature, featureBox(feature)]; });
      function addNearView() {
        var view = map.getBounds().pad(0.5);
        var near = [];
        waiting = waiting.filter(function (entry) {
          var box = entry[1];
          var isNear = box[0] <= view.getNorth() && box[2] >= view.getSouth()
            && box[1] <= view.getEast() && box[3] >= view.getWest();
          if (isNear) { near.push(entry[0]); }
          return !isNear;
        });
        if (near.length) { layer.addData({ type: "FeatureCollection", features: near }); }
        if (!waiting.length) { map.off("moveend", addNearView); }
      }
      addNearView();
      map.on("moveend", addNearView);
    }).catch(function (error) { console.warn("Event Atlas basemap:", error); });
    return group;
  }

  /* The offline basemap in a light and a dark style (both base layers of the layer switcher).
   * The dark one marks the map's container `ea-dark` (sea, names and borders follow) and is
   * the one shown first when the reader's system prefers a dark theme. */
  var THEMES = {
    light: { land: "#f3f1ea", regions: "#a9a9a9", countries: "#6f6f6f" },
    dark: { land: "#2b2e33", regions: "#6b7079", countries: "#9aa0a8" }
  };

  function theme(map) {
    return map.getContainer && map.getContainer().classList.contains("ea-dark") ? THEMES.dark : THEMES.light;
  }

  function prefersDark() {
    return Boolean(window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches);
  }

  function land(map, source) {
    var group = outlineLayer(map, source, function () {
      return { stroke: false, fill: true, fillColor: THEMES.light.land, fillOpacity: 1 };
    });
    map.eaLand = group;
    /* The offline basemap has no detail past the map's maxZoom; an online layer has its own. */
    var offlineMaxZoom = map.options.maxZoom;
    map.on("baselayerchange", function (event) {
      var tiles = event.layer && event.layer.options && event.layer.options.maxZoom && event.layer.getTileUrl;
      map.setMaxZoom(tiles ? event.layer.options.maxZoom : offlineMaxZoom);
    });
    return group;
  }

  function landDark(map, source) {
    var group = outlineLayer(map, source, function () {
      return { stroke: false, fill: true, fillColor: THEMES.dark.land, fillOpacity: 1 };
    });
    function setDark(dark) {
      var container = map.getContainer && map.getContainer();
      if (container) { container.classList.toggle("ea-dark", dark); }
      map.fire("ea-theme");
    }
    group.on("add", function () { setDark(true); });
    group.on("remove", function () { setDark(false); });
    if (prefersDark()) {
      /* After the layer switcher exists, so that its radio buttons follow. */
      setTimeout(function () {
        if (map.eaLand && map.hasLayer(map.eaLand)) { map.removeLayer(map.eaLand); }
        group.addTo(map);
      }, 0);
    }
    return group;
  }

  function borders(map, countries, regions) {
    var group = L.layerGroup();
    var regionLayer = outlineLayer(map, regions, function () {
      return { color: theme(map).regions, weight: 0.6, fill: false };
    }).addTo(group);
    var countryLayer = outlineLayer(map, countries, function () {
      return { color: theme(map).countries, weight: 1.2, fill: false };
    }).addTo(group);
    map.on("ea-theme", function () { regionLayer.restyle(); countryLayer.restyle(); });
    return group;
  }

  /* Names of countries and regions at their label points, each from the zoom its size
   * allows (`lz`), for those in view only, as plain text in a pane that takes no clicks. */
  var LABEL_SETS = [
    { minZoom: 3, className: "ea-label-country", name: function (p) { return p.admin; } },
    { minZoom: 6, className: "ea-label-region", name: function (p) { return p.name_en || p.name; } }
  ];
  var MAX_LABELS = 300;

  /* What the item layer on the map draws where, for the names to keep clear of:
   * marks (centre and half-size in px) and the places the items sit at. */
  var drawn = { marks: [], places: [] };
  var labelRedraws = [];

  function markBoxes(map) {
    return drawn.marks.map(function (mark) {
      var point = map.latLngToContainerPoint([mark.lat, mark.lon]);
      var x = point.x + mark.dx, y = point.y + mark.dy;
      return { left: x - mark.half, right: x + mark.half, top: y - mark.half, bottom: y + mark.half };
    });
  }

  /* The places the items sit at, named just below their marks, else above, right or left
   * of them where below is taken (by another mark, an arrowhead): bolder than the basemap's
   * names, written first, never over a mark. */
  function placeLabels(map, group, view, taken) {
    drawn.places.forEach(function (place) {
      if (!view.contains([place.lat, place.lon])) { return; }
      var point = map.latLngToContainerPoint([place.lat, place.lon]);
      var across = place.below + 4 + labelBox({ x: 0, y: 0 }, place.name).right;
      var sides = [[0, place.below + 9], [0, -(place.below + 9)], [across, 0], [-across, 0]];
      var boxes = sides.map(function (side) {
        return labelBox({ x: point.x + side[0], y: point.y + side[1] }, place.name);
      });
      var free = boxes.findIndex(function (box) {
        return !taken.some(function (other) { return overlaps(box, other); });
      });
      if (free < 0) { return; }
      taken.push(boxes[free]);
      L.marker([place.lat, place.lon], {
        icon: L.divIcon({ html: element("span", null, place.name), className: "ea-label ea-label-place",
                          iconSize: [0, 0], iconAnchor: [-sides[free][0], -sides[free][1]] }),
        pane: "ea-labels", interactive: false, keyboard: false
      }).addTo(group);
    });
  }

  function labelBox(point, name) {
    var halfWidth = name.length * 3.6 + 4;
    return { left: point.x - halfWidth, right: point.x + halfWidth, top: point.y - 9, bottom: point.y + 9 };
  }

  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }

  function labels(map, countries, regions) {
    var group = L.layerGroup();
    var sets = [];
    if (!map.getPane("ea-labels")) {
      var pane = map.createPane("ea-labels");
      pane.style.zIndex = 350;
      pane.style.pointerEvents = "none";
    }
    /* Larger places first (each file lists them as it likes: sort by lz); a name that
     * would overlap one already written is left out until the map is zoomed in. */
    function redraw() {
      if (!map.hasLayer(group)) { return; }
      group.clearLayers();
      var zoom = map.getZoom();
      var view = map.getBounds().pad(0.1);
      var taken = markBoxes(map);
      placeLabels(map, group, view, taken);
      sets.forEach(function (set) {
        if (!set || zoom < set.style.minZoom) { return; }
        set.features.forEach(function (feature) {
          var p = feature.properties;
          if (p.lx === undefined || zoom < (p.lz || 0) || taken.length >= MAX_LABELS) { return; }
          if (!view.contains([p.ly, p.lx])) { return; }
          var name = set.style.name(p);
          var box = labelBox(map.latLngToContainerPoint([p.ly, p.lx]), name);
          if (taken.some(function (other) { return overlaps(box, other); })) { return; }
          taken.push(box);
          L.marker([p.ly, p.lx], {
            icon: L.divIcon({ html: element("span", null, name), className: "ea-label " + set.style.className, iconSize: [0, 0] }),
            pane: "ea-labels", interactive: false, keyboard: false
          }).addTo(group);
        });
      });
    }
    [countries, regions].forEach(function (source, i) {
      var data = typeof source === "string" ? fetchJson(source) : Promise.resolve(source);
      data.then(function (geojson) {
        var features = geojson.features.slice().sort(function (a, b) {
          return (a.properties.lz || 0) - (b.properties.lz || 0);
        });
        sets[i] = { style: LABEL_SETS[i], features: features };
        redraw();
      }).catch(function (error) { console.warn("Event Atlas labels:", error); });
    });
    map.on("moveend", redraw);
    group.on("add", function () { setTimeout(redraw, 0); });
    labelRedraws.push(redraw);
    return group;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  /* The hidden marker lets a click be traced to exactly one event: streamlit-folium
   * returns the clicked layer's tooltip and popup as text. */
  function idMarker(id) {
    var marker = element("span", "ea-id-marker", "\u27e6" + id + "\u27e7");
    marker.style.display = "none";
    return marker;
  }

  function tooltipNode(info, id) {
    var node = element("div", "ea-tooltip");
    node.appendChild(element("span", "ea-tooltip-title", info.title));
    node.appendChild(idMarker(id));
    return node;
  }

  function popupNode(info, id) {
    var node = element("div", "ea-popup");
    node.appendChild(element("div", "ea-popup-title", info.title));
    (info.lines || []).forEach(function (line) {
      node.appendChild(element("div", "ea-popup-line", line));
    });
    if (info.link && /^https?:\/\//.test(info.link)) {
      var link = element("a", "ea-popup-link", info.linkText || info.link);
      link.href = info.link;
      link.rel = "noopener noreferrer";
      link.target = "_blank";
      node.appendChild(link);
    }
    node.appendChild(element("div", "ea-popup-ref", "Ref: " + id));
    node.appendChild(idMarker(id));
    return node;
  }

  function layerEventId(layer) {
    return layer.options.eventId || layer.options.eventRef;
  }

  function choicesHeading(options) {
    return options.choices.length + " events in " + options.region;
  }

  /* A chooser's tooltip names its items but carries no id marker: a click on it selects nothing. */
  function chooserTooltip(options) {
    var node = element("div", "ea-tooltip");
    node.appendChild(element("div", "ea-tooltip-title", choicesHeading(options) + ": click to choose"));
    options.choices.forEach(function (choice) { node.appendChild(element("div", "ea-choice-line", choice.title)); });
    return node;
  }

  /* Choosing an item clicks its own layer: the map then selects it as if it had been on top. */
  function chooserPopup(options, owner, group, mains) {
    var node = element("div", "ea-popup");
    node.appendChild(element("div", "ea-popup-title", choicesHeading(options)));
    options.choices.forEach(function (choice) {
      var button = element("button", "ea-choice", choice.title);
      button.type = "button";
      L.DomEvent.on(button, "click", function (event) {
        L.DomEvent.stop(event);
        var at = owner.getPopup().getLatLng();
        owner.closePopup();
        mains[choice.id].fire("click", { latlng: at }, true);
        group.closeTooltip();  /* the click opens the tooltip too; no mouse will leave to close it */
      });
      node.appendChild(button);
    });
    return node;
  }

  /* One tooltip and one popup for the whole group: built when shown, from data. Without
   * item popups (a page that shows the details beside the map), choosers keep theirs. */
  function bindTexts(group, texts, mains, choosers, popups) {
    group.bindTooltip(function (layer) {
      if (layer.options.choices) { return chooserTooltip(layer.options); }
      var id = layerEventId(layer);
      return tooltipNode(texts[id] || { title: id }, id);
    }, { sticky: true });
    if (popups) {
      group.bindPopup(function (layer) {
        if (layer.options.choices) { return chooserPopup(layer.options, group, group, mains); }
        var id = layerEventId(layer);
        return popupNode(texts[id] || { title: id }, id);
      });
      return;
    }
    choosers.forEach(function (layer) {
      layer.bindPopup(function () { return chooserPopup(layer.options, layer, group, mains); });
    });
  }

  /* A mark's look (fill, outline width and dash) comes with each item as plain values
   * (geo/maps/marks.py): the same numbers draw the legend, the one-file map and pictures. */
  var SVG_NS = "http://www.w3.org/2000/svg";
  var MARK_PX = 24;

  function svgNode(tag, attributes) {
    var node = document.createElementNS(SVG_NS, tag);
    Object.keys(attributes).forEach(function (name) {
      if (attributes[name] !== null && attributes[name] !== undefined) { node.setAttribute(name, attributes[name]); }
    });
    return node;
  }

  /* The disc of a look in a `size` box: ground, then the fill (whole or lower half), then
   * the outline over a 1 px halo (class ea-look-ground / ea-look-fill / ea-look-outline). */
  function lookSvg(look, size, colour) {
    var c = size / 2;
    var r = c - look.width / 2 - 1;
    var svg = svgNode("svg", { "class": "ea-look", width: size, height: size,
                               viewBox: "0 0 " + size + " " + size, "aria-hidden": "true" });
    svg.appendChild(svgNode("circle", { "class": "ea-look-ground", cx: c, cy: c, r: r }));
    if (look.fill === "full") {
      svg.appendChild(svgNode("circle", { "class": "ea-look-fill", cx: c, cy: c, r: r, fill: colour }));
    } else if (look.fill === "half") {
      svg.appendChild(svgNode("path", {
        "class": "ea-look-fill", fill: colour,
        d: "M " + (c - r) + " " + c + " A " + r + " " + r + " 0 0 0 " + (c + r) + " " + c + " Z"
      }));
    }
    svg.appendChild(svgNode("circle", {
      "class": "ea-look-outline", cx: c, cy: c, r: r, fill: "none", stroke: colour,
      "stroke-width": look.width, "stroke-dasharray": look.dashArray
    }));
    return svg;
  }

  /* The selected item's layers are drawn heavier and carry the class `ea-selected`. */
  var SELECTED = "ea-selected";

  function areaStyle(item, main) {
    var style = {
      color: item.colour, weight: item.selected ? 5 : item.look.width, fillColor: item.colour,
      fillOpacity: item.stacked ? 0 : item.look.areaOpacity, dashArray: item.look.dashArray,
      className: item.selected ? SELECTED : "",
      /* An area several items share takes no clicks: the chooser over it does. */
      interactive: !item.shared
    };
    style[main ? "eventId" : "eventRef"] = item.id;
    return style;
  }

  /* What a screen reader says of a mark: the event and where its claims come from. */
  function accessibleName(item) {
    return item.sourcing ? item.title + ". " + item.sourcing : item.title;
  }

  function markNode(item) {
    var node = element("div", "ea-mark ea-fill-" + item.look.fill);
    node.style.setProperty("--ea-colour", item.colour);
    node.style.setProperty("--ea-ink", item.ink || "#fff");
    node.appendChild(lookSvg(item.look, MARK_PX, item.colour));
    var glyph = element("span", "ea-mark-glyph", item.symbol);
    glyph.setAttribute("aria-hidden", "true");
    node.appendChild(glyph);
    node.appendChild(element("span", "ea-sr-only", accessibleName(item)));
    return node;
  }

  function pointIcon(item) {
    var offset = item.offset || [0, 0];
    return L.divIcon({
      html: markNode(item), className: "ea-mark-wrap" + (item.selected ? " " + SELECTED : ""),
      iconSize: [MARK_PX, MARK_PX], iconAnchor: [MARK_PX / 2 - offset[0], MARK_PX / 2 - offset[1]]
    });
  }

  function isOpenKey(event) {
    return event.key === " " || event.key === "Spacebar" || event.key === "Enter";
  }

  /* Leaflet makes a marker's icon a focusable button; Enter and Space open it, as they do
   * any button (cancelling the key's default also stops Leaflet's own keypress handling). */
  function keyboardOpens(marker) {
    marker.on("add", function () {
      var icon = marker.getElement && marker.getElement();
      if (!icon) { return; }
      L.DomEvent.on(icon, "keydown", function (event) {
        if (!isOpenKey(event)) { return; }
        L.DomEvent.preventDefault(event);
        marker.fire("click", { latlng: marker.getLatLng(), originalEvent: event }, true);
      });
    });
    return marker;
  }

  /* An area is reached as a mark is: its outline is a focusable button named `name`, that
   * Enter or Space opens as a click inside it does; `opened` runs after (a chooser's popup). */
  function keyboardOpensArea(area, name, opened) {
    area.on("add", function () {
      var outline = area.getElement && area.getElement();
      if (!outline) { return; }
      outline.setAttribute("tabindex", "0");
      outline.setAttribute("role", "button");
      outline.setAttribute("aria-label", name);
      L.DomEvent.on(outline, "keydown", function (event) {
        if (!isOpenKey(event)) { return; }
        L.DomEvent.preventDefault(event);
        area.fire("click", { latlng: area.getBounds().getCenter(), originalEvent: event }, true);
        if (opened) { opened(); }
      });
    });
    return area;
  }

  /* A chooser opened from the keyboard moves the focus to its first choice (its popup is
   * its own, or its group's on a map with popups). */
  function focusFirstChoice(chooser) {
    var first = chooser._map && chooser._map.getContainer().querySelector(".leaflet-popup .ea-choice");
    if (first) { first.focus(); }
  }

  function pointLayer(item) {
    return keyboardOpens(L.marker([item.lat, item.lon], {
      icon: pointIcon(item), eventId: item.id, title: "", riseOnHover: true, keyboard: true,
      zIndexOffset: item.selected ? 1000 : 0
    }));
  }

  /* A movement's arrowhead is its handle for the keyboard: focusable, named as a mark is. */
  function arrowHead(item) {
    var size = item.selected ? 26 : 16;  /* as .ea-arrow's font size */
    var node = element("div", "ea-arrow ea-fill-" + item.look.fill);
    node.style.setProperty("--ea-colour", item.colour);
    var head = element("span", "ea-arrow-head", "\u25b6");
    head.setAttribute("aria-hidden", "true");
    head.style.transform = "rotate(" + item.angle + "deg)";
    node.appendChild(head);
    node.appendChild(element("span", "ea-sr-only", accessibleName(item)));
    return keyboardOpens(L.marker(item.arrow, {
      icon: L.divIcon({
        html: node, className: "ea-arrow-wrap" + (item.selected ? " " + SELECTED : ""),
        iconSize: [size, size], iconAnchor: [size / 2, size / 2]
      }),
      eventRef: item.id, title: "", keyboard: true, zIndexOffset: item.selected ? 1000 : 0
    }));
  }

  /* One L.polygon per area (not L.geoJSON, which adds a group layer): the area
   * is then exactly one layer carrying the event's id. */
  function areaLayer(geometry, style) {
    var depth = geometry.type === "MultiPolygon" ? 2 : 1;
    return L.polygon(L.GeoJSON.coordsToLatLngs(geometry.coordinates, depth), style);
  }

  /* An area several items share takes no clicks or focus: the chooser over it does. */
  function focusableArea(item, area) {
    return item.shared ? area : keyboardOpensArea(area, accessibleName(item));
  }

  var BUILDERS = {
    point: function (item) { return [pointLayer(item)]; },
    area: function (item) { return [focusableArea(item, areaLayer(item.geometry, areaStyle(item, true)))]; },
    /* Country-wide items are listed beside the map; their country is only tinted. */
    countryWide: function (item) {
      return [areaLayer(item.geometry, {
        color: item.selected ? "#333333" : "#6b6b6b", weight: item.selected ? 3.5 : 1.5, dashArray: "4 4",
        fillColor: "#6b6b6b", fillOpacity: 0.06, interactive: false, className: item.selected ? SELECTED : ""
      })];
    },
    circle: function (item) {
      return [focusableArea(item, L.circle([item.lat, item.lon],
                                           Object.assign({ radius: item.radius }, areaStyle(item, true))))];
    },
    /* Invisible, over an area several items share, listing them to choose from. */
    chooser: function (item) {
      var options = { stroke: false, fill: true, fillOpacity: 0, choices: item.choices, region: item.region };
      var chooser = item.geometry ? areaLayer(item.geometry, options)
        : L.circle([item.lat, item.lon], Object.assign({ radius: item.radius }, options));
      var names = item.choices.map(function (choice) { return choice.title; }).join("; ");
      return [keyboardOpensArea(chooser, choicesHeading(options) + ", choose one: " + names,
                                function () { focusFirstChoice(chooser); })];
    },
    movement: function (item) {
      var line = L.polyline(item.path, {
        color: item.colour, weight: item.selected ? 6 : item.look.lineWidth, opacity: 0.9, eventId: item.id,
        dashArray: item.look.dashArray, className: item.selected ? SELECTED : ""
      });
      var layers = [line, arrowHead(item)];
      if (item.geometry) { layers.unshift(areaLayer(item.geometry, areaStyle(item, false))); }
      return layers;
    }
  };

  /* Pan (or zoom out) just enough to show layers not wholly in view; leave the view alone
   * when they are, so selecting from the table does not jump a map the reader has set. */
  function bringIntoView(map, layers) {
    if (!map || !layers.length || !map.getSize().x) { return; }
    var bounds = L.latLngBounds([]);
    layers.forEach(function (layer) { bounds.extend(layer.getLatLng ? layer.getLatLng() : layer.getBounds()); });
    if (!map.getBounds().contains(bounds)) {
      map.fitBounds(bounds, { padding: [40, 40], maxZoom: map.getZoom() });
    }
  }

  function itemLayer(spec) {
    var group = L.featureGroup();
    var texts = {};
    var mains = {};
    var choosers = [];
    var selected = [];
    spec.items.forEach(function (item) {
      if (item.id) { texts[item.id] = { title: item.title, lines: item.lines, link: item.link, linkText: item.linkText }; }
      BUILDERS[item.kind](item).forEach(function (layer) {
        layer.addTo(group);
        if (layer.options.eventId) { mains[layer.options.eventId] = layer; }
        if (layer.options.choices) { choosers.push(layer); }
        if (item.selected) { selected.push(layer); }
      });
    });
    bindTexts(group, texts, mains, choosers, spec.popups !== false);
    /* Only a new selection moves the map: the group is redrawn on every filter change too,
     * and a reader who has panned elsewhere since should stay there. */
    var selection = spec.items.filter(function (item) { return item.selected; })
      .map(function (item) { return item.id || item.code; }).join(" ");
    var marks = spec.items.map(function (item) {
      if (item.kind === "point") {
        var offset = item.offset || [0, 0];
        return { lat: item.lat, lon: item.lon, dx: offset[0], dy: offset[1], half: MARK_PX / 2 };
      }
      return item.kind === "movement" ? { lat: item.arrow[0], lon: item.arrow[1], dx: 0, dy: 0, half: 8 } : null;
    }).filter(Boolean);
    group.on("add", function () {
      if (selection !== lastSelection) { bringIntoView(group._map, selected); }
      lastSelection = selection;
      drawn = { marks: marks, places: spec.places || [] };
      labelRedraws.forEach(function (redraw) { redraw(); });
    });
    return group;
  }

  function legendControl(entries, title) {
    var control = L.control({ position: "bottomright" });
    control.onAdd = function () {
      var box = element("div", "ea-legend leaflet-bar");
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      /* Closed at first: open, it hides a third of a laptop-sized map, and the page
       * beside the map carries the same legend. */
      var details = element("details");
      details.appendChild(element("summary", "ea-legend-title", title));
      entries.forEach(function (entry) { details.appendChild(legendRow(entry)); });
      box.appendChild(details);
      return box;
    };
    return control;
  }

  function legendSample(entry) {
    if (entry.kind === "colour") {
      var swatch = element("span", "ea-legend-swatch");
      swatch.style.background = entry.value;
      return swatch;
    }
    if (entry.kind === "look") {
      var sample = element("span", "ea-legend-look");
      sample.appendChild(lookSvg(entry.look, 18, "currentColor"));
      return sample;
    }
    return element("span", "ea-legend-symbol", entry.value);
  }

  function legendRow(entry) {
    var row = element("div", "ea-legend-row");
    row.appendChild(legendSample(entry));
    var text = element("span", "ea-legend-text");
    text.appendChild(element("b", null, entry.label));
    if (entry.definition) { text.appendChild(element("span", "ea-legend-def", " " + entry.definition)); }
    row.appendChild(text);
    return row;
  }

  /* Paper is narrower than most screens, and a page prints without running the map's
   * resize code: the map prints at its screen size in pixels, scaled by CSS zoom to fit the
   * narrower of A4 and Letter (186 mm, about 700 px, less margins), framed on every item. */
  var PRINT_WIDTH_PX = 700;
  var PRINT_HEIGHT_PX = 620;

  function printFrame(map, bounds) {
    function remember() {
      var size = map.getSize();
      if (!size.x || !size.y) { return; }
      var style = document.documentElement.style;
      style.setProperty("--ea-map-width", size.x + "px");
      style.setProperty("--ea-map-height", size.y + "px");
      style.setProperty("--ea-print-zoom", String(Math.min(PRINT_WIDTH_PX / size.x, PRINT_HEIGHT_PX / size.y)));
    }
    remember();
    map.on("resize", remember);
    window.addEventListener("beforeprint", function () {
      if (bounds) { map.fitBounds(bounds, { padding: [24, 24], maxZoom: 8, animate: false }); }
    });
  }

  window.EventAtlas = {
    printFrame: printFrame,
    land: land,
    landDark: landDark,
    borders: borders,
    labels: labels,
    itemLayer: itemLayer,
    legendControl: legendControl
  };
})();
