/* room.js: what makes a map legible in a room. Labels drawn by us, never two overlapping and
 * never smaller than 12 CSS pixels; the key on the canvas; fitting into the part of the map the
 * key and the caption leave free; presentation mode and the guided tour. html.py puts this file
 * and map.js into one function scope (this one first: map.js calls it when it draws), so the
 * names here see map.js's `state`, `container` and `data` at call time. Strings from the data reach
 * the page with textContent, or the canvas's fillText, never as HTML. */

var LABEL_FONT = "13px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
var UNIT_FONT = "600 15px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
// A label's box: 13 px text with a 2 px halo above and below. The must-show asks for 12 at least.
var LABEL_HEIGHT = 18;
var UNIT_LABEL_HEIGHT = 20;
var LABEL_PAD = 4;
var MOST_LABELS = 400;
var LONGEST_LABEL = 32;
var drawnLabels = [];
var labelWeights = null;
var textWidths = {};

function overlaps(a, b) {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

// A coarse grid of boxes, so that checking a label against hundreds of others stays cheap.
function Grid(cell) { this.cell = cell; this.cells = {}; }
Grid.prototype.each = function (box, visit) {
  var c = this.cell;
  for (var i = Math.floor(box.left / c); i <= Math.floor(box.right / c); i++) {
    for (var j = Math.floor(box.top / c); j <= Math.floor(box.bottom / c); j++) visit(i + ":" + j);
  }
};
Grid.prototype.add = function (box) {
  var cells = this.cells;
  this.each(box, function (key) { (cells[key] = cells[key] || []).push(box); });
};
Grid.prototype.hits = function (box, own, counts) {
  var cells = this.cells, hit = false;
  this.each(box, function (key) {
    if (hit || !cells[key]) return;
    for (var k = 0; k < cells[key].length; k++) {
      var other = cells[key][k];
      if (other.id !== own && (!counts || counts(other)) && overlaps(box, other)) { hit = true; return; }
    }
  });
  return hit;
};

// The map's transform: a point of the canvas at (x, y) is drawn at (x * s + tx, y * s + ty) CSS
// pixels from the map's top left corner (vis-network's canvasToDOM, worked out once per frame).
function transform() {
  var view = state.network.body.view;
  return { s: view.scale, tx: view.translation.x, ty: view.translation.y };
}

// What vis-network drew for a node, in CSS pixels of the map: its shape's bounding box (nodes
// carry no vis label, so the box is the shape alone).
function drawnBox(id, t) {
  var b = state.network.body.nodes[id].shape.boundingBox;
  return { id: id, left: b.left * t.s + t.tx, top: b.top * t.s + t.ty, right: b.right * t.s + t.tx,
           bottom: b.bottom * t.s + t.ty };
}

// A node's extent in canvas units from its position and size: known before the first drawing,
// when bounding boxes are not (the layout is computed without drawing).
function extent(id) {
  var node = state.network.body.nodes[id];
  var r = (node.options.size || 10) + (node.options.borderWidth || 1) + 2;
  if (node.options.shape === "star") r *= 1.1;
  return { left: node.x - r, right: node.x + r, top: node.y - r, bottom: node.y + r };
}

function labelText(id) {
  var text = clusterInfo[id] ? clusterInfo[id].text : (state.view.nodes[id] && state.view.nodes[id].label);
  if (text === undefined || text === null || text === "") return null;
  if (clusterInfo[id]) return text;  // a unit's name is cut already, keeping its count
  var chars = Array.from(String(text));  // by characters: an emoji is never cut in half
  return chars.length > LONGEST_LABEL ? chars.slice(0, LONGEST_LABEL - 1).join("") + "\u2026" : chars.join("");
}

// Which labels come first when there is not room for all: what is highlighted, then units, empty
// chairs, boundary objects and marked people (brokers, rings), then the most connected.
function labelWeight(id) {
  if (state.emphasis && !state.emphasis[id]) return -1;
  var weight = state.emphasis ? 1e7 : 0;
  if (clusterInfo[id]) return weight + 1e6 + clusterInfo[id].members;
  var n = state.view.nodes[id];
  if (!n) return -1;
  if (n.placeholder) weight += 5e5;
  if (n.kind === "object" || n.kind === "story") weight += 4e5;
  if (n.mark) weight += 3e5;
  return weight + (n.size || 0);
}

function measure(ctx, text, font) {
  var key = font + "\u0000" + text;
  if (!(key in textWidths)) { ctx.font = font; textWidths[key] = Math.ceil(ctx.measureText(text).width); }
  return textWidths[key];
}

// The boxes labels and nodes must keep clear of: the key and the caption over the map.
function overlayBoxes() {
  var base = container.getBoundingClientRect();
  return ["key", "caption"].map(byId).filter(function (box) { return box && !box.hidden && box.offsetParent; })
    .map(function (box) {
      var r = box.getBoundingClientRect();
      return { id: "overlay", left: r.left - base.left - 4, top: r.top - base.top - 4,
               right: r.right - base.left + 4, bottom: r.bottom - base.top + 4 };
    });
}

// Fixed labels: Power's rows named by their level, Scale's regions by their unit.
function anchoredLabels(t) {
  var out = [];
  var layout = state.view.layout;
  if (layout && layout.rows) {
    var rowsAt = freeArea(state.aspect).rowsAt, rows = {};
    state.network.body.nodeIndices.forEach(function (id) {
      var node = state.network.body.nodes[id];
      var level = node.options.level;
      if (level === undefined) return;
      rows[level] = rows[level] || { sum: 0, n: 0 };
      rows[level].sum += node.y;
      rows[level].n += 1;
    });
    layout.rows.forEach(function (row) {
      if (!rows[row.level]) return;
      var y = rows[row.level].sum / rows[row.level].n * t.s + t.ty;
      out.push({ id: "layer:" + row.level, text: row.apart ? "no level recorded" : row.name, font: UNIT_FONT,
                 height: UNIT_LABEL_HEIGHT, places: function (w, h) { return [{ x: rowsAt, y: y - h / 2 }]; } });
    });
  }
  var folded = {};
  Object.keys(clusterInfo).forEach(function (id) { folded[clusterInfo[id].label] = true; });
  (state.view.regions || []).forEach(function (r, i) {
    if (folded[r.name]) return;  // folded into one unit, which carries the name
    var cx = r.x * t.s + t.tx, top = (r.y - r.r) * t.s + t.ty, bottom = (r.y + r.r) * t.s + t.ty;
    out.push({ id: "region:" + i, text: r.name, font: UNIT_FONT, height: UNIT_LABEL_HEIGHT, places: function (w, h) {
      return [{ x: cx - w / 2, y: top - h - 2 }, { x: cx - w / 2, y: top + 4 }, { x: cx - w / 2, y: bottom + 2 }];
    } });
  });
  return out;
}

// Draws the labels that fit, most important first, each below, above, right or left of its
// node, never over another label, another node, the key or the caption; the others show on
// hover, or when zooming in makes room. Runs after every drawing, in CSS pixels of the map.
function drawLabels(ctx) {
  var network = state.network;
  if (!network || !state.view) return;
  var t = transform();
  var width = container.clientWidth, height = container.clientHeight;
  var inside = { left: 0, top: 0, right: width, bottom: height };
  var ids = network.body.nodeIndices;
  var nodes = new Grid(48), labels = new Grid(64), candidates = [];
  if (!labelWeights) labelWeights = {};
  for (var k = 0; k < ids.length; k++) {
    var box = drawnBox(ids[k], t);
    if (!overlaps(box, inside)) continue;
    nodes.add(box);
    if (!(ids[k] in labelWeights)) labelWeights[ids[k]] = labelWeight(ids[k]);
    if (labelWeights[ids[k]] >= 0) candidates.push(box);
  }
  overlayBoxes().forEach(function (box) { nodes.add(box); labels.add(box); });
  candidates.sort(function (a, b) { return labelWeights[b.id] - labelWeights[a.id]; });
  var placed = [];
  function place(id, text, font, h, spots, node, counts) {
    var w = measure(ctx, text, font) + 2 * LABEL_PAD;
    for (var s = 0; s < spots.length; s++) {
      var b = { id: id, left: spots[s].x, top: spots[s].y, right: spots[s].x + w, bottom: spots[s].y + h };
      if (b.left < 2 || b.top < 2 || b.right > width - 2 || b.bottom > height - 2) continue;
      if (labels.hits(b, null) || nodes.hits(b, node, counts)) continue;
      labels.add(b);
      placed.push({ id: id, text: text, font: font, box: b });
      return true;
    }
    return false;
  }
  anchoredLabels(t).forEach(function (a) {
    var w = measure(ctx, a.text, a.font) + 2 * LABEL_PAD;
    place(a.id, a.text, a.font, a.height, a.places(w, a.height), null);
  });
  var marked = function (box) { return box.id === "overlay" || (labelWeights[box.id] || 0) >= 3e5; };
  var missed = [];
  for (var c = 0; c < candidates.length && placed.length < MOST_LABELS; c++) {
    var n = candidates[c], text = labelText(n.id);
    if (!text) continue;
    var unit = !!clusterInfo[n.id], font = unit ? UNIT_FONT : LABEL_FONT, h = unit ? UNIT_LABEL_HEIGHT : LABEL_HEIGHT;
    var w = measure(ctx, text, font) + 2 * LABEL_PAD, cx = (n.left + n.right) / 2, cy = (n.top + n.bottom) / 2;
    // Below, above, right, left; then the four corners.
    var spots = [{ x: cx - w / 2, y: n.bottom + 1 }, { x: cx - w / 2, y: n.top - h - 1 },
                 { x: n.right + 2, y: cy - h / 2 }, { x: n.left - w - 2, y: cy - h / 2 },
                 { x: n.right, y: n.bottom }, { x: n.left - w, y: n.bottom },
                 { x: n.right, y: n.top - h }, { x: n.left - w, y: n.top - h }];
    if (!place(n.id, text, font, h, spots, n.id) && labelWeights[n.id] >= 3e5) missed.push([n.id, text, font, h, spots]);
  }
  // A marked person in a crowd (a leader among the people who look to them) is named over the
  // small dots around them rather than not at all: only other labels and marked people block them.
  missed.forEach(function (m) { place(m[0], m[1], m[2], m[3], m[4], m[0], marked); });
  var ratio = network.canvas.pixelRatio || 1;
  ctx.save();
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.textBaseline = "middle";
  ctx.lineJoin = "round";
  placed.forEach(function (p) {
    ctx.font = p.font;
    var x = p.box.left + LABEL_PAD, y = (p.box.top + p.box.bottom) / 2;
    ctx.lineWidth = 4;
    ctx.strokeStyle = "rgba(255,255,255,0.92)";
    ctx.strokeText(p.text, x, y);
    ctx.fillStyle = "#1A1A1A";
    ctx.fillText(p.text, x, y);
  });
  ctx.restore();
  drawnLabels = placed.map(function (p) {
    return { id: p.id, text: p.text, x: p.box.left, y: p.box.top, width: p.box.right - p.box.left,
             height: p.box.bottom - p.box.top };
  });
}

function relabel() { labelWeights = null; if (state.network) state.network.redraw(); }

// The part of the map nothing covers: below the caption, and beside the key or above it,
// whichever lets a drawing of this ``aspect`` (width / height) be larger; right of Power's row names.
function freeArea(aspect) {
  aspect = aspect || 1;
  var width = container.clientWidth, height = container.clientHeight;
  var free = { left: 0, top: 0, right: width, bottom: height };
  var gutter = 0, layout = state.view && state.view.layout;
  if (layout && layout.rows) {
    var ctx = container.querySelector("canvas").getContext("2d");
    layout.rows.forEach(function (row) {
      gutter = Math.max(gutter, measure(ctx, row.apart ? "no level recorded" : row.name, UNIT_FONT) + 2 * LABEL_PAD + 16);
    });
  }
  var boxes = overlayBoxes();
  boxes.forEach(function (box) {  // the caption, across the top
    if (box.top < height * 0.25 && box.right - box.left > width * 0.5) free.top = Math.max(free.top, box.bottom);
  });
  boxes.forEach(function (box) {
    if (box.top < height * 0.25 && box.right - box.left > width * 0.5) return;
    var beside = { left: Math.max(free.left, box.right), top: free.top, right: free.right, bottom: free.bottom };
    var above = { left: free.left, top: free.top, right: free.right, bottom: Math.min(free.bottom, box.top) };
    function room(r) { return Math.min((r.right - r.left - gutter) / aspect, r.bottom - r.top); }
    free = room(beside) >= room(above) ? beside : above;
  });
  free.rowsAt = free.left + 6;  // Power's rows are named in a column of their own, left of the map
  free.left += gutter;
  return free;
}

// Fits the given nodes (all drawn ones when none are given, with Scale's regions) into the free
// part of the map, with room around for their labels. Returns a Promise resolved once drawn.
function fitView(ids, animate) {
  var network = state.network;
  if (!network) return Promise.resolve(false);
  var list = ids && ids.length ? ids.filter(function (id) { return network.body.nodes[id]; }) : network.body.nodeIndices;
  var box = { left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity };
  list.forEach(function (id) {
    var e = extent(id);
    box.left = Math.min(box.left, e.left); box.right = Math.max(box.right, e.right);
    box.top = Math.min(box.top, e.top); box.bottom = Math.max(box.bottom, e.bottom);
  });
  if (!(ids && ids.length)) {
    (state.view.regions || []).forEach(function (r) {
      box.left = Math.min(box.left, r.x - r.r); box.right = Math.max(box.right, r.x + r.r);
      box.top = Math.min(box.top, r.y - r.r); box.bottom = Math.max(box.bottom, r.y + r.r);
    });
  }
  if (!isFinite(box.left)) return Promise.resolve(false);
  state.aspect = (box.right - box.left + 1) / (box.bottom - box.top + 1);
  var free = freeArea((box.right - box.left + 1) / (box.bottom - box.top + 1)), pad = 24;
  var roomX = Math.max(40, free.right - free.left - 2 * pad);
  var roomY = Math.max(40, free.bottom - free.top - 2 * pad - 2 * UNIT_LABEL_HEIGHT);
  var scale = Math.min(roomX / Math.max(box.right - box.left, 1), roomY / Math.max(box.bottom - box.top, 1), 1.5);
  var width = container.clientWidth, height = container.clientHeight;
  var fx = (free.left + free.right) / 2, fy = (free.top + free.bottom) / 2;
  var position = { x: (box.left + box.right) / 2 - (fx - width / 2) / scale,
                   y: (box.top + box.bottom) / 2 - (fy - height / 2) / scale };
  return new Promise(function (resolve) {
    network.once("afterDrawing", function () { resolve(true); });
    network.moveTo({ position: position, scale: scale, animation: animate ? { duration: 350 } : false });
    if (!animate) network.redraw();
  });
}

// The key on the map: colours, shapes, line styles and sizes of the view drawn; collapsible.
var keyBox = byId("key");
var keyToggle = byId("key-toggle");
keyToggle.addEventListener("click", function () {
  var open = keyToggle.getAttribute("aria-expanded") !== "true";
  keyToggle.setAttribute("aria-expanded", open ? "true" : "false");
  byId("key-body").hidden = !open;
  fitView(null, true);
});

// A line in the key as the map draws it: its colour, width and dash pattern (a span whose
// background repeats the pattern; no SVG, so the page holds no drawing element from anywhere).
function svgStroke(colour, dashes, width) {
  var line = el("span", null, "stroke");
  line.setAttribute("aria-hidden", "true");
  line.style.height = String(width || 3) + "px";
  if (dashes) {
    var pattern = dashes === true ? [6, 4] : dashes, stops = [], at = 0;
    for (var i = 0; i < pattern.length; i++) {
      stops.push((i % 2 ? "transparent " : colour + " ") + at + "px " + (at + pattern[i]) + "px");
      at += pattern[i];
    }
    line.style.background = "repeating-linear-gradient(90deg, " + stops.join(", ") + ")";
  } else {
    line.style.background = colour;
  }
  return line;
}

function keyItem(list, swatch, text, count) {
  var item = el("li");
  item.appendChild(swatch);
  item.appendChild(typeof text === "string" ? el("span", text) : text);
  if (count !== undefined && count !== null) item.appendChild(el("span", count, "count"));
  list.appendChild(item);
  return item;
}

function buildKey(view) {
  var legend = view.legend;
  byId("key-colour").textContent = legend.color_by ? "Colour: " + legend.color_by : "";
  byId("key-colour").hidden = !legend.color_by;
  var groupList = byId("legend-groups"), others = [];
  legend.groups.forEach(function (g) {
    var swatch = el("span", null, g.status === "missing" ? "swatch placeholder" : "swatch");
    swatch.style.background = g.color;
    if (g.status === "missing") swatch.style.borderColor = g.color;
    var name = el("span", g.name, g.no_value ? "no-value" : undefined);
    if (g.note) name.appendChild(el("span", g.note, "note"));
    var item = keyItem(groupList, swatch, name, g.count);
    if (!g.no_value && g.count > 0) {
      // A group in the key shows its members on the map (the way to pick out the greys of "other").
      item.tabIndex = 0;
      item.setAttribute("role", "button");
      item.title = "Show " + g.name + " on the map";
      item.className = "pickable";
      var pick = function () { applyFocus({ people: [], groups: [g.name], ties: [] }, -1); };
      item.addEventListener("click", pick);
      item.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); pick(); }
      });
    }
    if (g.other) { item.hidden = true; item.classList.add("other"); others.push(item); }
  });
  if (others.length) {
    var people = others.reduce(function (sum, item) { return sum + Number(item.lastChild.textContent); }, 0);
    var more = el("button", "Other, in grey: " + plural(others.length, "group", "groups") + " (" +
                  plural(people, "person", "people") + ") \u25B8", "more");
    more.type = "button";
    more.setAttribute("aria-expanded", "false");
    more.addEventListener("click", function () {
      var open = more.getAttribute("aria-expanded") !== "true";
      more.setAttribute("aria-expanded", open ? "true" : "false");
      more.textContent = more.textContent.slice(0, -1) + (open ? "\u25BE" : "\u25B8");
      others.forEach(function (item) { item.hidden = !open; });
    });
    var holder = el("li", null, "more-holder");
    holder.appendChild(more);
    var blank = groupList.querySelector(".no-value");
    var tail = blank ? blank.parentNode : null;  // the groups in grey go last, before "(none)"
    groupList.insertBefore(holder, tail);
    others.forEach(function (item) { groupList.insertBefore(item, tail); });
  }
  var styleList = byId("legend-styles");
  (legend.styles || []).forEach(function (s) {
    var swatch = el("span", null, "swatch " + s.style);
    swatch.style.background = "#888888";
    keyItem(styleList, swatch, s.text);
  });
  // Survey data: who did not answer, drawn hollow (their own ties are unknown, not absent).
  var unanswered = view.nodes.filter(function (n) { return n.unanswered; }).length;
  if (unanswered) keyItem(styleList, el("span", null, "swatch unanswered"), "Hollow: did not answer the survey", unanswered);
  styleList.hidden = !styleList.children.length;
  var edgeList = byId("legend-edges");
  if (view.changes) {
    changeKey(edgeList);
  } else {
    legend.edge_types.forEach(function (t) {
      // What a type means when it is not a learning tie: "dislike (negative)", "reports_to (formal)".
      keyItem(edgeList, svgStroke(t.color, t.dashes),
              t.kind && t.kind !== "learning" ? t.type + " (" + t.kind + ")" : t.type, t.count);
    });
    // Survey data: ties both people reported, and those one side alone reported (dashed).
    var accounts = { confirmed: 0, "one-sided": 0 };
    view.edges.forEach(function (e) { if (e.account) accounts[e.account] += 1; });
    if (accounts["one-sided"] || accounts.confirmed) {
      keyItem(edgeList, svgStroke("#5A5A5A", false), "Named by both people", accounts.confirmed);
      keyItem(edgeList, svgStroke("#5A5A5A", ONE_SIDED_DASHES), "Named by one of the two only", accounts["one-sided"]);
    }
  }
  byId("key-size").textContent = "Size: " + String(view.meta.size_by || "").split(/[:(]/)[0].trim();
}

// Presentation mode: the map on the whole screen, the current finding as a caption over it; the
// arrow keys step through the tour (the story sheet's steps, or each view's findings in turn).
var tour = { on: false, steps: [], index: 0 };
var caption = byId("caption");

function tourSteps() {
  var names = hook.views();
  if (data.story && data.story.length) {
    return data.story.map(function (s) {
      return { view: names.indexOf(s.view) !== -1 ? s.view : null, title: s.title || "", text: s.text || "",
               question: s.question || "", focus: s.focus || null };
    });
  }
  var steps = [];
  names.forEach(function (name) {
    var view = atlas ? data.views[name] : data;
    var label = (atlas && data.views[name].label) || name;
    (view.findings || []).forEach(function (f, i) {
      // What one reads aloud: the headline and the question; the evidence stays in the panel.
      steps.push({ view: name, finding: i, title: label, text: f.headline || f.statement, question: f.question });
    });
    if (!(view.findings || []).length) steps.push({ view: name, title: label, text: "No findings in this view.", question: "" });
  });
  return steps;
}

function goToStep(index) {
  if (!tour.steps.length) return Promise.resolve(false);
  // Pressed quickly (a clicker's double press), an earlier step's drawing may end after a later
  // one's: only the step asked for last is focused.
  var token = tour.token = (tour.token || 0) + 1;
  tour.index = Math.max(0, Math.min(index, tour.steps.length - 1));
  var step = tour.steps[tour.index];
  byId("caption-count").textContent = (tour.index + 1) + " of " + tour.steps.length +
    (step.view && atlas ? " \u00B7 " + ((data.views[step.view] && data.views[step.view].label) || step.view) : "");
  byId("caption-title").textContent = step.title;
  byId("caption-title").hidden = !step.title || step.finding !== undefined;
  byId("caption-text").textContent = step.text;
  byId("caption-question").textContent = step.question;
  byId("caption-question").hidden = !step.question;
  var drawn = step.view && atlas && step.view !== state.current ? hook.show(step.view) : whenReady();
  return drawn.then(function () {
    if (token !== tour.token) return false;
    if (step.finding !== undefined) return focusFinding(step.finding);
    if (step.focus && ((step.focus.people || []).length || (step.focus.groups || []).length)) {
      return applyFocus(step.focus, -1);
    }
    clearHighlight();
    return fitView();
  });
}

function present(on) {
  on = !!on;
  tour.on = on;
  document.body.classList.toggle("presenting", on);
  caption.hidden = !on;
  byId("present").setAttribute("aria-pressed", on ? "true" : "false");
  if (state.network) state.network.setSize("100%", "100%");
  if (!on) return state.network ? fitView() : Promise.resolve(false);
  tour.steps = tourSteps();
  // The tour opens on the finding shown now, or the view's first (a story opens on its first step).
  var start = -1;
  var current = byId("finding-list").querySelector('li[aria-current="true"]');
  var shown = current ? Number(current.getAttribute("data-index")) : null;
  if (!(data.story && data.story.length)) {
    tour.steps.forEach(function (step, i) {
      if (start === -1 && step.view === (atlas ? state.current : step.view) && (shown === null || step.finding === shown)) start = i;
    });
  }
  return goToStep(Math.max(start, 0));
}

byId("present").addEventListener("click", function () { present(!tour.on); });
byId("caption-next").addEventListener("click", function () { goToStep(tour.index + 1); });
byId("caption-back").addEventListener("click", function () { goToStep(tour.index - 1); });
byId("caption-close").addEventListener("click", function () { present(false); });
document.addEventListener("keydown", function (event) {
  var target = event.target;
  if (target && /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) return;
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  if (!tour.on) {
    if (event.key === "p" || event.key === "P") { event.preventDefault(); present(true); }
    return;
  }
  if (event.key === "ArrowRight" || event.key === "PageDown" || event.key === " ") {
    event.preventDefault(); goToStep(tour.index + 1);
  } else if (event.key === "ArrowLeft" || event.key === "PageUp") {
    event.preventDefault(); goToStep(tour.index - 1);
  } else if (event.key === "Escape" || event.key === "p" || event.key === "P") {
    event.preventDefault(); present(false);
  }
});

// A projector plugged in, a window resized: the map is fitted again to its new size.
var resizing = null;
window.addEventListener("resize", function () {
  clearTimeout(resizing);
  resizing = setTimeout(function () {
    if (!state.network) return;
    state.network.setSize("100%", "100%");
    fitView();
  }, 150);
});
