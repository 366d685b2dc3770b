// The context layer's browser side: one canvas path drawing every mark, and the region
// areas. geo/maps/pointlayer.py calls this function with the feature group to draw into and
// the payload. Text is set with textContent only.
(function (group, data) {
  // Timed for bench/bench_browser.py: the layer's own share of a map update.
  const started = performance.now();
  const RADIUS = (count) => Math.min(3 + 1.2 * Math.log2(count), 14);
  const DAY_MS = 86400000;
  const REGION_MARKER = "\u27earegion\u27eb";  // geo.maps.pointlayer.REGION_MARKER
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

  // Every mark is one place in one style, carrying the ids of the events drawn there; the
  // whole set is one Leaflet path, so 50,000 events cost no more than their distinct marks.
  const MarkCloud = L.Path.extend({
    initialize: function (marks, options) {
      L.setOptions(this, options);
      this._marks = marks;
      this._hit = -1;
    },
    _project: function () {
      const map = this._map;
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
      const where = mark.style.near ? "near " + mark.name : mark.name;
      const span = mark.first === mark.last ? dayText(mark.first)
        : dayText(mark.first) + " to " + dayText(mark.last);
      return textBox([where, mark.count + (mark.count === 1 ? " event, " : " events, ") + span,
                      mark.style.label]);
    }
  });

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
  }
  areas.bindTooltip((area) => {
    const region = area.options.region;
    const box = textBox([region.name, region.ids.length + " events located only to this region"]);
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

  const marks = [];
  for (let m = 0; m < data.marks.length; m += 5) {
    const place = data.places[data.marks[m]];
    const count = data.marks[m + 2];
    marks.push({lat: place[0], lon: place[1], name: place[2], style: data.styles[data.marks[m + 1]],
                count: count, first: data.marks[m + 3], last: data.marks[m + 4],
                radius: RADIUS(count)});
  }
  const cloud = new MarkCloud(marks, {renderer: renderer, eventIds: data.ids});
  cloud.bindTooltip(() => cloud.tooltipFor(), {sticky: true});
  // A click reports the mark's own place (not the pointer's), so the app can list its events.
  cloud.on("click", (event) => {
    const mark = marks[cloud._hit];
    if (mark) { event.latlng = L.latLng(mark.lat, mark.lon); }
  });
  cloud.on("mousemove", () => {
    if (cloud.isTooltipOpen()) { cloud.getTooltip().update(); }
  });
  cloud.addTo(group);
  performance.measure("context layer built", {start: started});
})
