/* A recording stand-in for Leaflet and the DOM, to run the map's scripts in Node.
 *
 * Usage: node leaflet_fake.js ATLAS_JS SCRIPT_FILE...
 * Runs the project's map script, then each page script in turn (a feature group
 * as streamlit-folium sends it on each rerun, or a map), and prints JSON: every
 * layer made, with its kind, options and the text its tooltip and popup show,
 * and how many groups streamlit-folium's window.feature_group still holds.
 */
"use strict";
const fs = require("fs");
const vm = require("vm");

const made = [];
const fetched = [];
const assets = process.env.ATLAS_ASSETS;

/* The app serves assets/ at /app/static/: answer from the files. */
function fakeFetch(url) {
  fetched.push(url);
  const prefix = "/app/static/";
  if (!assets || !url.startsWith(prefix)) { return Promise.reject(new Error("no network: " + url)); }
  const text = fs.readFileSync(assets + "/" + url.slice(prefix.length), "utf8");
  return Promise.resolve({ ok: true, status: 200, json: () => Promise.resolve(JSON.parse(text)) });
}

function node(tag) {
  const children = [];
  const properties = {};
  return {
    tag, children, properties, attributes: {}, className: "", open: false, _text: "",
    style: { setProperty(name, value) { properties[name] = value; } },
    set textContent(value) { this._text = String(value); },
    get textContent() { return this._text + children.map((c) => c.textContent).join(""); },
    set innerHTML(value) { throw new Error("innerHTML was set: " + value); },
    appendChild(child) { children.push(child); return child; },
    setAttribute(name, value) { this.attributes[name] = String(value); },
    getAttribute(name) { return name in this.attributes ? this.attributes[name] : null; },
  };
}

/* The SVG shapes under a DOM node, as {tag, attributes}, in drawing order. */
function shapes(root) {
  if (!root || !root.children) { return []; }
  return root.children.flatMap((child) => (child.namespace ? [{ tag: child.tag, attributes: child.attributes }] : [])
    .concat(shapes(child)));
}

class Layer {
  constructor(kind, options, extra) {
    this.kind = kind;
    this.options = Object.assign({}, options || {});
    Object.assign(this, extra || {});
    this.layers = [];
    this.handlers = {};
    this.panes = {};
    made.push(this);
  }
  off() { return this; }
  fire(type) { (this.handlers[type] || []).forEach((f) => f({ type })); return this; }
  on(types, fn) { types.split(" ").forEach((t) => { (this.handlers[t] = this.handlers[t] || []).push(fn); }); return this; }
  getPane(name) { return this.panes[name]; }
  createPane(name) { this.panes[name] = { style: {} }; return this.panes[name]; }
  hasLayer(layer) { return layer.parent === this; }
  clearLayers() { this.layers = []; return this; }
  getZoom() { return this.options.zoom; }
  latLngToContainerPoint([lat, lon]) {
    const scale = 256 * 2 ** this.options.zoom / 360;
    const y = Math.log(Math.tan(Math.PI / 4 + lat * Math.PI / 360)) * 180 / Math.PI;
    return { x: lon * scale, y: -y * scale };
  }
  /* Roughly what a map of 900 px shows around its centre at its zoom. */
  getBounds() {
    const [lat, lon] = this.options.center;
    const half = 360 / 2 ** this.options.zoom * 2;
    const view = {
      contains: ([y, x]) => Math.abs(y - lat) < half / 1.5 && Math.abs(x - lon) < half,
      getSouth: () => lat - half / 1.5, getNorth: () => lat + half / 1.5,
      getWest: () => lon - half, getEast: () => lon + half,
    };
    return { pad: () => view };
  }
  addTo(parent) { parent.layers.push(this); this.parent = parent; (this.handlers.add || []).forEach((f) => f()); return this; }
  addLayer(layer) { return layer.addTo(this); }
  bindTooltip(content) { this.tooltip = content; return this; }
  bindPopup(content) { this.popup = content; return this; }
}

const L = {
  map: (id, options) => new Layer("map", options),
  featureGroup: (options) => new Layer("featureGroup", options),
  layerGroup: (options) => new Layer("layerGroup", options),
  canvas: (options) => ({ kind: "canvas", options }),
  marker: (latlng, options) => new Layer("marker", options, { latlng }),
  circleMarker: (latlng, options) => new Layer("circleMarker", options, { latlng }),
  circle: (latlng, options) => new Layer("circle", options, { latlng }),
  polyline: (latlngs, options) => new Layer("polyline", options, { latlngs }),
  polygon: (latlngs, options) => new Layer("polygon", options, { latlngs }),
  geoJSON: (data, options) => new Layer("geoJSON", options, {
    data, addData(more) { this.added = (this.added || []).concat(more.features); return this; },
  }),
  divIcon: (options) => ({ kind: "divIcon", options }),
  tileLayer: (url, options) => new Layer("tileLayer", options, { url }),
  control: Object.assign((options) => new Layer("control", options), {
    layers: (base, overlays, options) => new Layer("layerControl", options, { base, overlays }),
    scale: () => new Layer("scale", {}),
  }),
  DomEvent: { disableClickPropagation() {}, disableScrollPropagation() {}, on() {}, stop() {} },
  GeoJSON: {
    coordsToLatLngs(coords, depth) {
      const swap = (c) => [c[1], c[0]];
      const walk = (list, d) => list.map((x) => (d > 0 ? walk(x, d - 1) : swap(x)));
      return walk(coords, depth);
    },
  },
  CRS: { EPSG3857: "EPSG3857" },
  Icon: { Default: {} },
};

const fakeWindow = {};
const context = vm.createContext({
  L, window: fakeWindow, console,
  document: { createElement: node, createElementNS: (namespace, tag) => Object.assign(node(tag), { namespace }) },
  fetch: fakeFetch, setTimeout,
  Promise, Object, Array, JSON, Math, String, Error,
});
fakeWindow.L = L;
vm.runInContext(fs.readFileSync(process.argv[2], "utf8"), context);
context.EventAtlas = fakeWindow.EventAtlas;
context.map_div = new Layer("map", {});
process.argv.slice(3).forEach((file) => vm.runInContext(fs.readFileSync(file, "utf8"), context));

function shown(layer, which) {
  for (let owner = layer; owner; owner = owner.parent) {
    if (owner[which]) { return owner[which](layer).textContent; }
  }
  return null;
}

/* What a screen reader reads of a node: its text, less what is aria-hidden. */
function screenReaderText(root) {
  if (!root || root.getAttribute && root.getAttribute("aria-hidden") === "true") { return ""; }
  return (root._text || "") + (root.children || []).map(screenReaderText).join("");
}

function report() {
const layers = made
  .filter((layer) => !["map", "featureGroup", "layerGroup", "control", "layerControl", "scale", "tileLayer"].includes(layer.kind))
  .map((layer) => ({
    kind: layer.kind,
    eventId: layer.options.eventId || null,
    eventRef: layer.options.eventRef || null,
    color: layer.options.color || (layer.options.icon && layer.options.icon.options.html.properties["--ea-colour"]) || null,
    fillOpacity: layer.options.fillOpacity === undefined ? null : layer.options.fillOpacity,
    dashArray: layer.options.dashArray || null,
    interactive: layer.options.interactive === undefined ? null : layer.options.interactive,
    iconClass: layer.options.icon ? layer.options.icon.options.html.className : null,
    className: (layer.options.icon ? layer.options.icon.options.className : layer.options.className) || null,
    weight: layer.options.weight === undefined ? null : layer.options.weight,
    iconAnchor: layer.options.icon ? layer.options.icon.options.iconAnchor : null,
    shapes: layer.options.icon ? shapes(layer.options.icon.options.html) : null,
    name: layer.options.icon ? screenReaderText(layer.options.icon.options.html) : null,
    keyboard: layer.options.keyboard === undefined ? null : layer.options.keyboard,
    choices: layer.options.choices ? layer.options.choices.map((choice) => choice.id) : null,
    tooltip: layer.options.eventId || layer.options.eventRef || layer.options.choices ? shown(layer, "tooltip") : null,
    popup: layer.options.eventId || layer.options.eventRef || layer.options.choices ? shown(layer, "popup") : null,
  }));
const labels = made.filter((layer) => layer.options.pane === "ea-labels" && layer.parent.layers.includes(layer)).map((layer) => layer.options.icon.options.html.textContent);
const outlines = made.filter((layer) => layer.added)
  .flatMap((layer) => layer.added.map((f) => f.properties.name_en || f.properties.name || f.properties.admin));
process.stdout.write(JSON.stringify({
  layers, fetched, labels, outlines, featureGroups: fakeWindow.feature_group ? fakeWindow.feature_group.length : null,
}));
}
setTimeout(report, 0);
