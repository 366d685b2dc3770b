// The context layer's browser side: one canvas path drawing every mark, and the region
// areas. geo/maps/pointlayer.py calls this function with the feature group to draw into and
// the payload. Marks are aggregated by zoom: the places of one grid cell (cellPx screen
// pixels at the map's zoom) and one style are one mark, computed on the places' whole-number
// pixels at zoomRef exactly as geo.maps.pointlayer.cell_of does, so that a click lists the
// events the mark counts. Text is set with textContent only.
(function (group, data) {
  // Timed for bench/bench_browser.py: the layer's own share of a map update.
  const started = performance.now();
  const RADIUS = (count) => Math.min(3 + 1.2 * Math.log2(count), 14);
  const DAY_MS = 86400000;
  const REGION_MARKER = "\u27earegion\u27eb";  // geo.maps.pointlayer.REGION_MARKER
  const markMarker = (mark) =>  // geo.maps.pointlayer.MARK_MARKER
    "\u27eamark " + mark.zoom + " " + mark.x + " " + mark.y + " " + mark.styleIndex + "\u27eb";
  const dayText = (day) => new Date(day * DAY_MS).toISOString().slice(0, 10);
  const textBox = (lines) => {
    const box = document.createElement("div");
    for (const line of lines) {
      const row = document.createElement("div");
      row.textContent = line;
      box.appendChild(row);
    }
    return box;
  };

  // Every mark is the places of one grid cell in one style; the whole set is one Leaflet path
  // carrying the ids of the events drawn, so 500,000 events cost no more than their marks.
  const MarkCloud = L.Path.extend({
    initialize: function (places, options) {
      L.setOptions(this, options);
      this._places = places;
      this._marks = [];
      this._zoom = null;
      this._hit = -1;
    },
    _project: function () {
      const map = this._map;
      const zoom = Math.max(0, Math.min(Math.round(map.getZoom()), data.zoomRef));
      if (zoom !== this._zoom) {
        this._marks = aggregated(this._places, zoom);
        this._zoom = zoom;
      }
      const marks = this._marks;
      this._x = new Float64Array(marks.length);
      this._y = new Float64Array(marks.length);
      const bounds = new L.Bounds();
      for (let i = 0; i < marks.length; i++) {
        const point = map.latLngToLayerPoint([marks[i].lat, marks[i].lon]);
        this._x[i] = point.x;
        this._y[i] = point.y;
        bounds.extend(point);
      }
      const pad = 16;
      this._pxBounds = marks.length ? new L.Bounds(bounds.min.subtract([pad, pad]),
                                                   bounds.max.add([pad, pad])) : null;
    },
    _update: function () {
      if (this._map) { this._updatePath(); }
    },
    _updatePath: function () {
      const renderer = this._renderer;
      if (!renderer._drawing) { return; }
      const ctx = renderer._ctx;
      ctx.setLineDash([]);  // the region areas drawn before leave theirs set
      for (let i = 0; i < this._marks.length; i++) {
        const mark = this._marks[i];
        ctx.beginPath();
        ctx.arc(this._x[i], this._y[i], mark.radius, 0, 2 * Math.PI);
        if (!mark.style.near) {
          ctx.globalAlpha = 0.6;
          ctx.fillStyle = mark.style.color;
          ctx.fill();
          ctx.globalAlpha = 1;
        }
        ctx.lineWidth = mark.style.near ? 2 : 1;
        ctx.strokeStyle = mark.style.color;
        ctx.stroke();
        if (mark.places > 1) {  // a second ring: this mark gathers several places
          ctx.beginPath();
          ctx.arc(this._x[i], this._y[i], mark.radius + 3, 0, 2 * Math.PI);
          ctx.lineWidth = 1;
          ctx.stroke();
        }
      }
    },
    _containsPoint: function (point) {
      let best = -1;
      let bestDistance = Infinity;
      for (let i = 0; i < this._marks.length; i++) {
        const dx = this._x[i] - point.x;
        const dy = this._y[i] - point.y;
        const distance = dx * dx + dy * dy;
        const reach = this._marks[i].radius + 3;
        if (distance <= reach * reach && distance < bestDistance) {
          best = i;
          bestDistance = distance;
        }
      }
      this._hit = best;
      return best >= 0;
    },
    _empty: function () {
      return !this._marks.length;
    },
    tooltipFor: function () {
      const mark = this._marks[this._hit];
      if (!mark) { return ""; }
      const box = textBox(markLines(mark));
      const marker = document.createElement("span");
      marker.style.display = "none";
      marker.textContent = markMarker(mark);
      box.appendChild(marker);
      return box;
    }
  });

  // What a mark's tooltip (and its handle's name) says: where, how many and when, what.
  const markLines = (mark) => {
    const span = mark.first === mark.last ? dayText(mark.first)
      : dayText(mark.first) + " to " + dayText(mark.last);
    return [mark.style.near ? "near " + mark.name : mark.name,
            mark.count + (mark.count === 1 ? " event, " : " events, ") + span, mark.style.label];
  };
  const locatedOnlyTo = (region) => region.ids.length + (region.ids.length === 1 ? " event" : " events")
    + " located only to this region";
  // A path on a canvas cannot take the focus: a mark or area is reached through a handle at
  // its place, a focusable button named as its tooltip reads (the mouse passes through it),
  // that Enter or Space opens as a click does; `focused(true / false)` follows its focus.
  const keyHandle = (latlng, size, name, open, focused) => {
    const handle = L.marker(latlng, {
      icon: L.divIcon({html: "", className: "ea-key-handle", iconSize: [size, size]}),
      keyboard: true, interactive: false, title: ""
    });
    handle.on("add", () => {
      const element = handle.getElement();
      const label = document.createElement("span");
      label.className = "ea-sr-only";
      label.textContent = name;
      element.appendChild(label);
      if (focused) {
        L.DomEvent.on(element, "focus", () => focused(true));
        L.DomEvent.on(element, "blur", () => focused(false));
      }
      L.DomEvent.on(element, "keydown", (event) => {
        if (event.key !== " " && event.key !== "Spacebar" && event.key !== "Enter") { return; }
        L.DomEvent.preventDefault(event);
        open(event);
      });
    });
    return handle;
  };
  // An area's handle sits at its anchor and outlines the area while focused.
  const areaHandle = (area, region) => {
    const {weight, color} = area.options;
    return keyHandle([region.lat, region.lon], 18, region.name + ", " + locatedOnlyTo(region),
      (event) => area.fire("click", {latlng: L.latLng(region.lat, region.lon), originalEvent: event}, true),
      (on) => area.setStyle(on ? {weight: weight * 2.5, color: "#1a73e8"} : {weight, color}));
  };

  const renderer = L.canvas({padding: 0.5});
  // Areas first, so that the marks are drawn (and hovered) above them. Their tooltip is the
  // group's, built when shown: streamlit-folium reports a click with the text of the clicked
  // layer's group tooltip, so a hidden marker there tells the app a region was clicked, and
  // the click reports the region's anchor (which a town's mark may share) as its place.
  const areas = L.featureGroup();
  for (const region of data.regions) {
    const options = {
      renderer: renderer, weight: 1.5, dashArray: "6 4", color: "#555555", fill: true,
      fillOpacity: 0.08, eventIds: region.ids, region: region
    };
    // The region's own outline when the basemap has it, else a circle around its anchor.
    const area = region.geometry
      ? L.GeoJSON.geometryToLayer({type: "Feature", properties: {}, geometry: region.geometry},
                                  options)
      : L.circle([region.lat, region.lon], L.extend({radius: region.radius}, options));
    area.addTo(areas);
    areaHandle(area, region).addTo(group);
  }
  areas.bindTooltip((area) => {
    const region = area.options.region;
    const box = textBox([region.name, locatedOnlyTo(region)]);
    const marker = document.createElement("span");
    marker.style.display = "none";
    marker.textContent = REGION_MARKER;
    box.appendChild(marker);
    return box;
  }, {sticky: true});
  areas.on("click", (event) => {
    const region = event.layer.options.region;
    event.latlng = L.latLng(region.lat, region.lon);
  });
  areas.addTo(group);

  // Each place and style with its events: [place, style, count, first day, last day].
  const placeMarks = [];
  for (let m = 0; m < data.marks.length; m += 5) {
    const place = data.places[data.marks[m]];
    placeMarks.push({lat: place[0], lon: place[1], name: place[2], x: place[3], y: place[4],
                     styleIndex: data.marks[m + 1], count: data.marks[m + 2],
                     first: data.marks[m + 3], last: data.marks[m + 4]});
  }
  // The marks at a zoom level: one per grid cell and style. Its place is the count-weighted
  // centre of its places; its name, that of its place with the most events, and how many
  // more places it holds.
  const aggregated = (places, zoom) => {
    const scale = 2 ** (data.zoomRef - zoom);
    const cells = new Map();
    for (const place of places) {
      const x = Math.floor(Math.floor(place.x / scale) / data.cellPx);
      const y = Math.floor(Math.floor(place.y / scale) / data.cellPx);
      const key = x + " " + y + " " + place.styleIndex;
      let mark = cells.get(key);
      if (!mark) {
        mark = {zoom: zoom, x: x, y: y, styleIndex: place.styleIndex,
                style: data.styles[place.styleIndex], count: 0, places: 0, top: place,
                first: place.first, last: place.last, latSum: 0, lonSum: 0};
        cells.set(key, mark);
      }
      mark.count += place.count;
      mark.places += 1;
      mark.latSum += place.lat * place.count;
      mark.lonSum += place.lon * place.count;
      mark.first = Math.min(mark.first, place.first);
      mark.last = Math.max(mark.last, place.last);
      if (place.count > mark.top.count) { mark.top = place; }
    }
    const marks = [];
    for (const mark of cells.values()) {
      const single = mark.places === 1;
      mark.lat = single ? mark.top.lat : mark.latSum / mark.count;
      mark.lon = single ? mark.top.lon : mark.lonSum / mark.count;
      mark.name = single ? mark.top.name : mark.top.name + " and " + (mark.places - 1)
        + (mark.places === 2 ? " more place" : " more places");
      mark.radius = RADIUS(mark.count);
      marks.push(mark);
    }
    return marks;
  };
  const cloud = new MarkCloud(placeMarks, {renderer: renderer, eventIds: data.ids});
  // The tooltip is bound on a group around the cloud, as the areas' is, for the same reason:
  // streamlit-folium reads a tooltip bound on the clicked layer itself as text (a function's
  // source), and calls a group's with the clicked layer, which gives the mark's marker.
  const marks = L.featureGroup([cloud]);
  marks.bindTooltip(() => cloud.tooltipFor(), {sticky: true});
  // A click reports the mark's own place (not the pointer's), so the app can list its events.
  cloud.on("click", (event) => {
    const mark = cloud._marks[cloud._hit];
    if (mark) { event.latlng = L.latLng(mark.lat, mark.lon); }
  });
  cloud.on("mousemove", () => {
    if (marks.isTooltipOpen()) { marks.getTooltip().update(); }
  });
  marks.addTo(group);

  // The marks in view get handles for the keyboard, the most events first, at most
  // MARK_HANDLES of them; again after every move or zoom.
  const MARK_HANDLES = 200;
  const markHandles = L.layerGroup().addTo(group);
  const placeMarkHandles = () => {
    markHandles.clearLayers();
    const view = handlesMap.getBounds();
    const shown = cloud._marks.map((mark, i) => [mark, i])
      .filter(([mark]) => view.contains([mark.lat, mark.lon]))
      .sort((a, b) => b[0].count - a[0].count).slice(0, MARK_HANDLES);
    for (const [mark, i] of shown) {
      keyHandle([mark.lat, mark.lon], 2 * (mark.radius + 3), markLines(mark).join(", "), (event) => {
        cloud._hit = i;
        cloud.fire("click", {latlng: L.latLng(mark.lat, mark.lon), originalEvent: event}, true);
      }).addTo(markHandles);
    }
  };
  let handlesMap = null;
  cloud.on("add", () => {
    handlesMap = cloud._map;
    handlesMap.on("moveend", placeMarkHandles);
    placeMarkHandles();
  });
  cloud.on("remove", () => handlesMap.off("moveend", placeMarkHandles));
  performance.measure("context layer built", {start: started});
})
