/* landscape map and atlas: draws the data in #landscape-data with vis-network.
 * A map holds one view; an atlas holds the people once and, per view, what changes (colours,
 * sizes, positions, marks), with a switcher between views. Every string from the data is put into
 * the page with textContent, never as HTML. */
var data = JSON.parse(document.getElementById("landscape-data").textContent);
var FADED = "#E6E6E6";
var FADED_EDGE = "rgba(200,200,200,0.35)";
var container = document.getElementById("network");
var state = { network: null, nodes: null, edges: null, view: null, data: data, ready: false };
window.landscapeMap = state;
var atlas = !!data.views;

function el(tag, text, className) {
  var node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}
function byId(id) { return document.getElementById(id); }
function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }
function paler(hex) {
  var r = parseInt(hex.slice(1, 3), 16), g = parseInt(hex.slice(3, 5), 16), b = parseInt(hex.slice(5, 7), 16);
  return "rgba(" + r + "," + g + "," + b + ",0.45)";
}
function nodeColour(colour) {
  return { background: colour, border: "#333333", highlight: { background: colour, border: "#000000" },
           hover: { background: colour, border: "#000000" } };
}
function folded(text) { return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }

// A tie that one of the two people alone reported in a survey (the other did not name it).
var ONE_SIDED_DASHES = [6, 4];

// How each node is drawn: its own colour, or an empty chair, or paler for peripheral participation,
// or hollow for someone who did not answer the survey.
function look(n) {
  if (n.placeholder) {
    return { color: { background: "#FFFFFF", border: n.color, highlight: { background: "#FFFFFF", border: "#000000" },
                      hover: { background: "#FFFFFF", border: "#000000" } },
             borderWidth: 3, shapeProperties: { borderDashes: [5, 4] }, font: { color: "#555555" } };
  }
  if (n.kind === "object" || n.kind === "story") {
    return { color: nodeColour(n.color), borderWidth: 1, shapeProperties: { borderDashes: false },
             font: { color: "#333333" } };
  }
  if (n.unanswered && !n.mark) {
    return { color: { background: "#FFFFFF", border: n.color, highlight: { background: "#FFFFFF", border: "#000000" },
                      hover: { background: "#FFFFFF", border: "#000000" } },
             borderWidth: 3, shapeProperties: { borderDashes: false }, font: { color: "#222222" } };
  }
  var peripheral = n.level === "peripheral" || n.mark === "rank-beyond-seeking" || n.mark === "leaver";
  var colour = nodeColour(peripheral ? paler(n.color) : n.color);
  // Gold: looked to (beyond rank, for leadership); green: a newcomer; orange: newly looked to for
  // leadership (a colour no group has). As marks.py's RINGS.
  var ring = { "sought-beyond-rank": "#B8860B", "leader": "#B8860B", "newcomer": "#1B7F3B", "emerging": "#EE7733" };
  var ringed = Object.prototype.hasOwnProperty.call(ring, n.mark || "");
  if (ringed) { colour.border = ring[n.mark]; }
  return { color: colour, borderWidth: ringed ? 5 : (n.multi ? 4 : 1),
           shapeProperties: { borderDashes: peripheral ? [3, 3] : false }, font: { color: "#222222" } };
}

// An atlas view: the people (once in the data) with this view's overlay merged in.
function atlasView(name) {
  var overlay = data.views[name];
  var fields = Object.keys(overlay.nodes);
  var nodes = data.people.map(function (person, i) {
    var node = { id: person.id, pid: person.pid, label: person.label, details: person.details,
                 summary: person.summary, metrics: person.metrics, values: person.values,
                 unanswered: person.unanswered };
    fields.forEach(function (field) { node[field] = overlay.nodes[field][i]; });
    return node;
  }).concat(overlay.extra_nodes || []);
  var edgeFields = Object.keys(overlay.edges || {});
  // A view draws only the ties its pass measured: the others are marked shown: false.
  var edges = data.edges.map(function (edge, i) {
    var copy = Object.assign({}, edge);
    edgeFields.forEach(function (field) { copy[field] = overlay.edges[field][i]; });
    return copy;
  }).filter(function (edge) { return edge.shown !== false; }).concat(overlay.extra_edges || []);
  return { meta: Object.assign({}, data.meta, overlay.meta), nodes: nodes, edges: edges, legend: overlay.legend,
           findings: overlay.findings, layout: overlay.layout, regions: overlay.regions, scale: overlay.scale };
}

// Controls that live across views.
var physicsButton = byId("physics");
var objectButton = byId("objects");
var levelSelect = byId("level");
var search = byId("search");
var results = byId("results");
var resultList = byId("result-list");
var tooltip = byId("tooltip");
var detailsHint = byId("details-hint");
var waveInput = byId("wave");
var clusterInfo = {};
var openedAt = 0;
var highlighted = false;
var visEdges = [];
var objectIds = [];

function physicsLabel(on) {
  physicsButton.setAttribute("aria-pressed", on ? "true" : "false");
  physicsButton.textContent = on ? "Hold still" : "Let nodes move";
}
function setPhysics(on) {
  if (!state.network) return;
  state.network.setOptions({ physics: { enabled: on } });
  physicsLabel(on);
}
physicsButton.addEventListener("click", function () { setPhysics(physicsButton.getAttribute("aria-pressed") !== "true"); });
byId("fit").addEventListener("click", function () { fitView(null, true); });
objectButton.addEventListener("click", function () {
  var show = objectButton.getAttribute("aria-pressed") !== "true";
  objectButton.setAttribute("aria-pressed", show ? "true" : "false");
  objectButton.textContent = show ? "Hide boundary objects" : "Show boundary objects";
  if (show) placeObjects();
  state.nodes.update(objectIds.map(function (id) { return { id: id, hidden: !show }; }));
  state.edges.update(visEdges.filter(function (e) { return e.objectLink; }).map(function (e) { return { id: e.id, hidden: !show }; }));
  relabel();
});

// Boundary objects go near the people who use them, each on a spot where it covers no one: the
// first free spot on a spiral out from the middle of its users.
function placeObjects() {
  var network = state.network;
  var users = {};
  visEdges.forEach(function (e) { if (e.objectLink) (users[e.from] = users[e.from] || []).push(e.to); });
  var taken = [];
  network.body.nodeIndices.forEach(function (id) { if (objectIds.indexOf(id) === -1) taken.push(extent(id)); });
  var step = 40 / Math.max(network.getScale(), 0.05) * 0.5;
  objectIds.forEach(function (id) {
    var at = network.getPositions(users[id] || []);
    var xs = Object.keys(at).map(function (k) { return at[k].x; }), ys = Object.keys(at).map(function (k) { return at[k].y; });
    var cx = xs.length ? xs.reduce(function (a, b) { return a + b; }, 0) / xs.length : 0;
    var cy = ys.length ? ys.reduce(function (a, b) { return a + b; }, 0) / ys.length : 0;
    var size = (network.body.nodes[id].options.size || 10) + 6;
    for (var turn = 0; turn < 400; turn++) {
      var angle = turn * 0.7, radius = step * Math.sqrt(turn);
      var x = cx + radius * Math.cos(angle), y = cy + radius * Math.sin(angle);
      var box = { left: x - size, right: x + size, top: y - size, bottom: y + size };
      if (!taken.some(function (other) { return overlaps(box, other); })) {
        network.moveNode(id, x, y);
        taken.push(box);
        return;
      }
    }
  });
}

function clearList(id) { byId(id).replaceChildren(); }

function teardown() {
  if (state.network) state.network.destroy();
  state.network = null;
  state.ready = false;
  document.body.removeAttribute("data-ready");
  ["legend-groups", "legend-edges", "legend-styles", "legend-notes", "finding-list", "result-list"].forEach(clearList);
  ["legend-styles", "legend-notes", "findings", "results", "legend-multi", "wave-label", "wave"].forEach(function (id) {
    byId(id).hidden = true;
  });
  objectButton.hidden = true;
  objectButton.setAttribute("aria-pressed", "false");
  objectButton.textContent = "Show boundary objects";
  levelSelect.hidden = true;
  byId("level-label").hidden = true;
  levelSelect.replaceChildren();
  tooltip.hidden = true;
  clearCard();
  search.value = "";
  clusterInfo = {};
  openedAt = 0;
  highlighted = false;
  state.focus = { people: [], groups: [], ties: [] };
  state.emphasis = null;
  labelWeights = null;
  drawnLabels = [];
}

function show(view) {
  teardown();
  state.view = view;
  var edgeStyle = {};
  view.legend.edge_types.forEach(function (t) { edgeStyle[t.type] = t; });
  var positions = view.layout && view.layout.type === "positions";
  var visNodes = view.nodes.map(function (n) {
    var node = look(n);
    node.id = n.id;  // no vis label: drawLabels (room.js) draws the names that fit
    node.value = n.placeholder ? 12 : (n.kind === "object" ? 10 : n.kind === "story" ? 2 : n.size);
    // A value-creation story is a gold diamond, always shown: clicking it opens the story (panel.js).
    node.shape = n.kind === "object" ? "square" : n.kind === "story" ? "diamond" : (n.mark === "broker" ? "star" : "dot");
    node.borderWidthSelected = n.multi ? 5 : 3;
    if (n.kind === "object" || n.hidden) node.hidden = true;
    if (n.x !== undefined && n.x !== null) { node.x = n.x; node.y = n.y; }
    if (n.layer !== undefined && n.layer !== null) node.level = n.layer;
    return node;
  });
  // Edge widths from weights as vis-network's own scaling gives them (1 to 6 px, linear from the
  // lightest tie to the heaviest; 3.5 px when all weigh the same), worked out here once: vis
  // re-reads every edge to do it, a second at 100,000 ties.
  var weights = view.edges.map(function (e) { return e.crossing ? e.weight * 2 : e.weight; });
  var lightest = Infinity, heaviest = -Infinity;
  weights.forEach(function (w) { if (w < lightest) lightest = w; if (w > heaviest) heaviest = w; });
  function width(w) { return heaviest === lightest ? 3.5 : 1 + 5 * (w - lightest) / (heaviest - lightest); }
  visEdges = view.edges.map(function (e, i) {
    var style = edgeStyle[e.type] || { color: "#888888", dashes: false };
    var opacity = e.crossing === undefined || e.crossing === null ? 0.55 : (e.crossing ? 0.9 : 0.12);
    var edge = {
      id: i, from: e.from, to: e.to, width: width(weights[i]), relType: e.type,
      arrows: e.directed ? { to: { enabled: true, scaleFactor: 0.5 } } : { to: { enabled: false } },
      dashes: style.dashes, color: { color: style.color, opacity: opacity, highlight: style.color, hover: style.color }
    };
    if (e.account === "one-sided" && !style.dashes) edge.dashes = ONE_SIDED_DASHES;
    if (e.change && style.kind !== "formal" && style.kind !== "negative") changeStyle(edge, e.change, style);
    if (e.hidden) edge.hidden = true;
    if (e.kind === "object-link") {
      edge.dashes = [2, 4]; edge.hidden = true; edge.objectLink = true;
      edge.color = { color: "#6B6B6B", opacity: 0.6 };
    }
    if (e.kind === "story-link") {
      edge.dashes = [2, 4]; edge.width = 1; edge.color = { color: "#B8860B", opacity: 0.7 };
    }
    return edge;
  });
  objectIds = view.nodes.filter(function (n) { return n.kind === "object"; }).map(function (n) { return n.id; });
  objectButton.hidden = objectIds.length === 0;

  var nodes = new vis.DataSet(visNodes);
  var edges = new vis.DataSet(visEdges);
  var large = view.nodes.length > 1500;
  var options = {
    layout: { randomSeed: 7, improvedLayout: view.nodes.length <= 300 },
    nodes: { scaling: { min: 6, max: 34 } },
    edges: { scaling: { min: 1, max: 6 }, smooth: large ? false : { type: "continuous" }, selectionWidth: 2 },
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: large, keyboard: { enabled: true, bindToWindow: false } },
    physics: { solver: "forceAtlas2Based", stabilization: { iterations: large ? 150 : 400, updateInterval: 50 },
               forceAtlas2Based: { gravitationalConstant: -40, springLength: 90, avoidOverlap: 0.3 } }
  };
  if (positions) {
    options.physics = { enabled: false, solver: "forceAtlas2Based",
                        forceAtlas2Based: { gravitationalConstant: -40, springLength: 90, avoidOverlap: 0.3 } };
    options.layout = { randomSeed: 7, improvedLayout: false };
  }
  if (view.layout && view.layout.type === "layers") {
    options.layout.hierarchical = { enabled: true, direction: "UD", levelSeparation: 160, nodeSpacing: 110,
                                    treeSpacing: 60, sortMethod: "directed", shakeTowards: "roots" };
    options.physics = { solver: "hierarchicalRepulsion", hierarchicalRepulsion: { nodeDistance: 130 },
                        stabilization: { iterations: 300, updateInterval: 50 } };
    options.edges.smooth = { type: "cubicBezier", forceDirection: "vertical", roundness: 0.4 };
  }
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  state.network = network;
  state.nodes = nodes;
  state.edges = edges;

  function ready() {
    // setOptions re-reads every node and edge (a second at 100,000 ties): skip it when physics is off already.
    if (options.physics.enabled === false) physicsLabel(false);
    else setPhysics(false);
    fitView().then(function () {
      state.ready = true;
      document.body.setAttribute("data-ready", "true");
    });
  }
  if (options.physics.enabled === false) network.once("afterDrawing", ready);
  else network.once("stabilizationIterationsDone", ready);

  if (view.regions) {
    network.on("beforeDrawing", function (ctx) {
      view.regions.forEach(function (r) {
        ctx.save();
        ctx.globalAlpha = 0.13;
        ctx.fillStyle = r.color;
        ctx.beginPath();
        ctx.arc(r.x, r.y, r.r, 0, 2 * Math.PI);
        ctx.fill();
        ctx.restore();
      });
    });
  }
  network.on("afterDrawing", drawLabels);
  legend(view);
  findings(view);
  network.on("hoverNode", hover);
  network.on("blurNode", function () { tooltip.hidden = true; });
  network.on("dragStart", function () { tooltip.hidden = true; });
  network.on("click", click);
  if (view.scale) scaleLevels(view);
  if (view.units) unitLevels(view);
  if (view.changes) changeWaves(view);
  if (atlas) applyFilters(true);
}

function legend(view) {
  byId("summary").textContent = plural(view.meta.participants, "participant", "participants") + ", " +
    plural(view.meta.relationships, "relationship", "relationships");
  buildKey(view);
  byId("legend-colour").textContent = view.legend.color_by ? "Colour: " + view.legend.color_by + "." :
    "All participants in one colour.";
  if (view.legend.multi_membership > 0) {
    var multi = byId("legend-multi");
    var attribute = view.legend.multi_attribute;
    var several = !attribute || attribute === "community" ? "communities" : "values of " + attribute;
    multi.textContent = "Thick border: in several " + several + " (" + view.legend.multi_membership +
      "); coloured by the first one listed.";
    multi.hidden = false;
  }
  if (view.legend.notes && view.legend.notes.length) {
    var notes = byId("legend-notes");
    view.legend.notes.forEach(function (text) { notes.appendChild(el("li", text)); });
    notes.hidden = false;
  }
  var sizeText = "Size: " + view.meta.size_by + ". Arrows point from the person who named a tie to the person named.";
  if (view.layout && view.layout.type === "layers") sizeText += " Rows, from the top: " + view.layout.layers.join(", ") + ".";
  if (view.legend.edge_note) sizeText += " " + view.legend.edge_note;
  byId("legend-size").textContent = sizeText;
}

function findings(view) {
  if (!view.findings || !view.findings.length) return;
  var list = byId("finding-list");
  view.findings.forEach(function (f, index) {
    // The headline and its question; "why?" opens the evidence (panel.js). A finding about
    // people, groups or ties shows them: click (or Enter) to highlight and fit them.
    list.appendChild(findingItem(f, index, focusFinding));
  });
  byId("findings").hidden = false;
}

function markFinding(index) {
  byId("finding-list").querySelectorAll("li").forEach(function (item, i) {
    item.setAttribute("aria-current", i === index ? "true" : "false");
  });
}

// Every group a person is in, as any view or filter names it: the view's groups, the values of
// every participant column, and their units at every level of scale.
function groupsOf(n) {
  var out = (n.groups || (n.group !== undefined && n.group !== null ? [n.group] : [])).slice();
  if (n.values) Object.keys(n.values).forEach(function (a) { out = out.concat(n.values[a] || []); });
  if (n.units) {
    Object.keys(n.units).forEach(function (level) {
      var units = n.units[level];
      out = out.concat(Array.isArray(units) ? units : (units === null || units === undefined ? [] : [units]));
    });
  }
  return out;
}

// A finding shown on the map: the item marked, its focus highlighted and fitted.
function focusFinding(index) {
  var f = state.view && state.view.findings && state.view.findings[index];
  if (!f || !state.network) return Promise.resolve(false);
  return applyFocus(f.focus || {}, index);
}

// What a finding (or a story step, or a group picked in the key) is about, on the map: its people
// (by id), every node in one of its groups (members, empty chairs, units), and the ties between
// two of its people. The rest fades; what is kept is fitted in view.
function applyFocus(focus, index) {
  clearHighlight();
  var people = {}, groups = {}, shown = { people: {}, groups: {} };
  (focus.people || []).forEach(function (p) { people[p] = true; });
  (focus.groups || []).forEach(function (g) { groups[g] = true; });
  var keep = {}, byPid = {}, drawn = {};
  state.nodes.get().forEach(function (n) { if (!n.hidden) drawn[n.id] = true; });
  state.view.nodes.forEach(function (n) {
    if (!drawn[n.id]) return;  // filtered out: neither highlighted nor fitted
    var inGroups = groupsOf(n).filter(function (g) { return groups[g]; });
    if (!((n.pid && people[n.pid]) || inGroups.length)) return;
    var unit = state.network.clustering.findNode(n.id);
    keep[unit[0]] = true;  // inside a folded unit, the unit stands for them
    if (n.pid && people[n.pid]) shown.people[n.pid] = true;
    inGroups.forEach(function (g) { shown.groups[g] = true; });
  });
  state.view.nodes.forEach(function (n) {  // the people drawn as themselves, whose ties can be shown
    if (n.pid && drawn[n.id] && state.network.clustering.findNode(n.id).length === 1) byPid[n.pid] = n.id;
  });
  if (!Object.keys(keep).length && !(focus.ties || []).length) {
    // Nothing of it is drawn here (filtered out, or a group this map does not show): the map stays as it is.
    markFinding(index);
    return fitView();
  }
  var ties = {}, shownTies = [];
  (focus.ties || []).forEach(function (pair) {
    var a = byPid[pair[0]], b = byPid[pair[1]];
    if (a === undefined || b === undefined) return;
    ties[a + " " + b] = ties[b + " " + a] = true;
    keep[a] = keep[b] = true;
    shownTies.push([pair[0], pair[1]]);
  });
  state.nodes.update(state.view.nodes.filter(function (n) { return !keep[n.id]; }).map(function (n) {
    return { id: n.id, color: { background: FADED, border: FADED } };
  }));
  Object.keys(clusterInfo).forEach(function (id) {
    if (!keep[id]) state.network.clustering.updateClusteredNode(id, { color: { background: FADED, border: FADED } });
  });
  var hiddenEdges = {};
  state.edges.get().forEach(function (e) { if (e.hidden) hiddenEdges[e.id] = true; });
  state.edges.update(visEdges.filter(function (e) {
    return !(ties[e.from + " " + e.to] || (keep[e.from] && keep[e.to] && !(focus.ties || []).length));
  }).map(function (e) { return { id: e.id, color: { color: FADED_EDGE, highlight: FADED_EDGE, hover: FADED_EDGE } }; }));
  shownTies = shownTies.filter(function (pair) {  // a tie is shown when one of its edges is drawn
    var a = byPid[pair[0]], b = byPid[pair[1]];
    return visEdges.some(function (e) {
      return !hiddenEdges[e.id] && ((e.from === a && e.to === b) || (e.from === b && e.to === a));
    });
  });
  highlighted = true;
  state.focus = { people: Object.keys(shown.people), groups: Object.keys(shown.groups), ties: shownTies };
  markFinding(index);
  state.network.unselectAll();
  var ids = Object.keys(keep).map(function (id) { return isNaN(Number(id)) ? id : Number(id); });
  state.emphasis = {};
  ids.forEach(function (id) { state.emphasis[id] = true; });
  labelWeights = null;
  return ids.length ? fitView(ids) : fitView();
}

function pairs(list, rows) {
  (rows || []).forEach(function (pair) {
    list.appendChild(el("dt", pair[0]));
    list.appendChild(el("dd", pair[1]));
  });
  return list;
}

function hover(params) {
  var node = typeof params.node === "number" ? state.view.nodes[params.node] : clusterInfo[params.node];
  if (!node) return;
  tooltip.replaceChildren(el("strong", node.label), pairs(el("dl"), node.details));
  var box = container.getBoundingClientRect();
  var x = box.left + params.pointer.DOM.x, y = box.top + params.pointer.DOM.y;
  tooltip.hidden = false;
  var width = tooltip.offsetWidth, height = tooltip.offsetHeight;
  tooltip.style.left = Math.max(0, Math.min(x + 14, window.innerWidth - width - 8)) + "px";
  tooltip.style.top = Math.max(0, Math.min(y + 14, window.innerHeight - height - 8)) + "px";
}

function clearHighlight() {
  state.focus = { people: [], groups: [], ties: [] };
  byId("finding-list").querySelectorAll("li").forEach(function (item) { item.removeAttribute("aria-current"); });
  if (state.emphasis) { state.emphasis = null; labelWeights = null; }
  if (!highlighted || !state.network) return;
  state.nodes.update(state.view.nodes.map(function (n) {
    var restored = look(n);
    return { id: n.id, color: restored.color, font: restored.font };
  }));
  state.edges.update(visEdges.map(function (e) { return { id: e.id, color: e.color, dashes: e.dashes, width: e.width }; }));
  Object.keys(clusterInfo).forEach(function (id) {
    if (state.network.body.nodes[id]) state.network.clustering.updateClusteredNode(id, { color: nodeColour(clusterInfo[id].colour) });
  });
  highlighted = false;
  clearCard();
}

// Fades everyone but ``ids`` (a search's matches) without selecting anyone; null restores.
function emphasise(ids) {
  clearHighlight();
  if (!ids) { relabel(); return; }
  var keep = {};
  ids.forEach(function (id) { keep[id] = true; });
  state.nodes.update(state.view.nodes.filter(function (n) { return !keep[n.id]; }).map(function (n) {
    return { id: n.id, color: { background: FADED, border: FADED } };
  }));
  state.edges.update(visEdges.filter(function (e) { return !(keep[e.from] && keep[e.to]); }).map(function (e) {
    return { id: e.id, color: { color: FADED_EDGE, highlight: FADED_EDGE, hover: FADED_EDGE } };
  }));
  highlighted = true;
  state.emphasis = keep;
  relabel();
}

function select(id) {
  var network = state.network;
  clearHighlight();
  var keep = {};
  keep[id] = true;
  network.getConnectedNodes(id).forEach(function (other) { keep[other] = true; });
  state.nodes.update(state.view.nodes.filter(function (n) { return !keep[n.id]; }).map(function (n) {
    return { id: n.id, color: { background: FADED, border: FADED } };
  }));
  var near = {};
  network.getConnectedEdges(id).forEach(function (e) { near[e] = true; });
  state.edges.update(visEdges.filter(function (e) { return !near[e.id]; }).map(function (e) {
    return { id: e.id, color: { color: FADED_EDGE, highlight: FADED_EDGE, hover: FADED_EDGE } };
  }));
  highlighted = true;
  state.emphasis = keep;
  labelWeights = null;
  detailsHint.hidden = true;
  byId("panel").scrollTop = 0;  // the details are at the top of the panel: in view
  personCard(state.view.nodes[id]);  // plain sentences first, then the numbers (panel.js)
  network.selectNodes([id]);
}

// A folded unit opens with its members back where they were when it folded (moved along with
// the unit, if it was dragged), not stacked on the unit's spot.
function openUnit(id) {
  var info = clusterInfo[id];
  var now = state.network.getPositions([id])[id];
  state.network.openCluster(id, { releaseFunction: function (centre, positions) {
    var dx = info && now ? now.x - info.x : 0, dy = info && now ? now.y - info.y : 0;
    var placed = {};
    Object.keys(positions).forEach(function (member) {
      placed[member] = { x: positions[member].x + dx, y: positions[member].y + dy };
    });
    return placed;
  } });
  delete clusterInfo[id];
}

function click(params) {
  // Units are the only nodes with text ids; clusterInfo knows which are still folded.
  if (params.nodes.length && clusterInfo[params.nodes[0]]) {
    tooltip.hidden = true;
    openUnit(params.nodes[0]);
    openedAt = Date.now();
    return;
  }
  if (params.nodes.length) select(params.nodes[0]);
  else clearHighlight();
}

// Scale: units of a level drawn as one node each (vis-network's clustering); a click opens one.
function scaleLevels(view) {
  var network = state.network;
  var unitOf = {};
  view.scale.levels.forEach(function (level) {
    unitOf[level] = {};
    // A person in several units of a level is folded into the first (the browser folds a node into
    // one unit); the unit's count, from the pass, counts everyone in it.
    view.nodes.forEach(function (n) {
      if (n.units) unitOf[level][n.id] = Array.isArray(n.units[level]) ? n.units[level][0] : n.units[level];
    });
  });
  var currentLevel = null;
  function openAll() {
    Object.keys(clusterInfo).forEach(openUnit);
    clusterInfo = {};
  }
  function foldUnit(level, unit, index) {
    var id = "unit:" + level + ":" + index;
    var info = view.scale.units[level][index];
    network.cluster({
      joinCondition: function (options) { return unitOf[level][options.id] === unit; },
      clusterNodeProperties: {
        id: id, label: "", shape: "dot", value: info.members,
        borderWidth: 3, color: nodeColour(info.color), allowSingleNodeCluster: true
      }
    });
    var at = network.getPositions([id])[id];
    var details = [["level", level], ["members", String(info.members)], ["ties within", String(info.internal_ties)]];
    if (info.also_elsewhere) details.push(["drawn in another unit", String(info.also_elsewhere) + " (their first)"]);
    var name = Array.from(String(unit));  // cut by characters, never inside one; the count always shows
    clusterInfo[id] = { label: unit, text: (name.length > 26 ? name.slice(0, 25).join("") + "\u2026" : unit) +
                          " (" + info.members + ")", members: info.members, colour: info.color, x: at.x, y: at.y,
                        details: details };
  }
  // The key names the units of the level drawn, in their colours (people keep their first unit's).
  function levelKey(level) {
    var legend = Object.assign({}, view.legend);
    if (level !== "people" && view.scale.units[level]) {
      legend.groups = view.scale.units[level].map(function (u) {
        return { name: u.id, color: u.color, count: u.members };
      });
      legend.color_by = level;
    }
    ["legend-groups", "legend-styles", "legend-edges"].forEach(clearList);
    buildKey(Object.assign({}, view, { legend: legend }));
  }
  // Folded units stand where their members' middle was, so units that share a region can cover
  // one another: nudge them apart until none overlaps (a few units: pairwise pushes suffice).
  function spreadUnits() {
    var ids = Object.keys(clusterInfo);
    if (ids.length < 2 || ids.length > 400) return;
    var at = network.getPositions(ids);
    var r = {};
    ids.forEach(function (id) { var e = extent(id); r[id] = (e.right - e.left) / 2 + 8; });
    for (var round = 0; round < 60; round++) {
      var moved = false;
      for (var i = 0; i < ids.length; i++) {
        for (var j = i + 1; j < ids.length; j++) {
          var a = at[ids[i]], b = at[ids[j]];
          var dx = b.x - a.x, dy = b.y - a.y, d = Math.sqrt(dx * dx + dy * dy), need = r[ids[i]] + r[ids[j]];
          if (d >= need) continue;
          if (d < 0.01) { dx = 1; dy = 0.5; d = Math.sqrt(1.25); }
          var push = (need - d) / 2 + 0.5;
          a.x -= dx / d * push; a.y -= dy / d * push;
          b.x += dx / d * push; b.y += dy / d * push;
          moved = true;
        }
      }
      if (!moved) break;
    }
    ids.forEach(function (id) { network.moveNode(id, at[id].x, at[id].y); });
  }
  function showLevel(level) {
    openAll();
    currentLevel = level === "people" ? null : level;
    if (currentLevel) view.scale.units[currentLevel].forEach(function (info, index) { foldUnit(currentLevel, info.id, index); });
    spreadUnits();
    levelKey(level);
    labelWeights = null;
    return fitView();
  }
  view.scale.levels.slice().reverse().forEach(function (level) {
    var option = el("option", level);
    option.value = level;
    levelSelect.appendChild(option);
  });
  var everyone = el("option", "people");
  everyone.value = "people";
  levelSelect.appendChild(everyone);
  levelSelect.value = view.scale.start;
  levelSelect.hidden = false;
  byId("level-label").hidden = false;
  levelSelect.onchange = function () { showLevel(levelSelect.value); };
  network.on("doubleClick", function (params) {
    // The double-click's first click opened a unit (whose id no longer exists): that is all it does.
    if (Date.now() - openedAt < 800) return;
    if (!currentLevel || !params.nodes.length || typeof params.nodes[0] !== "number") return;
    var unit = unitOf[currentLevel][params.nodes[0]];
    var units = view.scale.units[currentLevel];
    for (var i = 0; i < units.length; i++) {
      if (units[i].id === unit) { clearHighlight(); foldUnit(currentLevel, unit, i); break; }
    }
  });
  showLevel(view.scale.start);
  state.showLevel = showLevel;
}

// A landscape too large to draw person by person: the units of one level at a time.
function unitLevels(view) {
  function showLevel(level) {
    clearHighlight();
    view.nodes.forEach(function (n) { n.hidden = n.unit_level !== level; });
    state.nodes.update(view.nodes.map(function (n) { return { id: n.id, hidden: n.hidden }; }));
    state.edges.update(visEdges.map(function (e, i) { return { id: e.id, hidden: view.edges[i].unit_level !== level }; }));
    labelWeights = null;
    return fitView();
  }
  view.units.levels.slice().reverse().forEach(function (level) {
    var option = el("option", level);
    option.value = level;
    levelSelect.appendChild(option);
  });
  levelSelect.value = view.units.start;
  levelSelect.hidden = false;
  byId("level-label").hidden = false;
  levelSelect.onchange = function () { showLevel(levelSelect.value); };
  state.showLevel = showLevel;
}

// The change view: gained ties green and solid, lost ties red-brown and dashed, kept ties faint
// in their type's colour; everyone stays where they are from wave to wave (positions fixed).
var GAINED = "#1B7F3B", LOST = "#B0413E";
function changeStyle(edge, change, style) {
  edge.dashes = false;
  if (change === "gained") {
    edge.color = { color: GAINED, opacity: 0.95, highlight: GAINED, hover: GAINED };
    edge.width = Math.max(edge.width, 3);
  } else if (change === "lost") {
    edge.dashes = [7, 5];
    edge.color = { color: LOST, opacity: 0.85, highlight: LOST, hover: LOST };
    edge.width = Math.max(edge.width, 2.5);
  } else {
    edge.color = { color: style.color, opacity: 0.25, highlight: style.color, hover: style.color };
    edge.dashes = style.dashes || false;
  }
}

var changeCounts = null;
function changeWaves(view) {
  var waves = view.changes.waves || [];
  if (waves.length < 2 || !view.edges.every(function (e) { return Array.isArray(e.waves); })) return;
  waveInput.min = "0";
  waveInput.max = String(waves.length - 1);
  waveInput.step = "1";
  waveInput.value = String(view.changes.start !== undefined ? view.changes.start : waves.length - 1);
  waveInput.hidden = false;
  byId("wave-label").hidden = false;
  waveInput.oninput = function () { showWave(Number(waveInput.value)); };
  showWave(Number(waveInput.value));
}

// Wave k of the change view: its ties, with what changed since wave k - 1.
function showWave(k) {
  var view = state.view, waves = view.changes.waves;
  var before = k - 1;
  clearHighlight();
  byId("wave-name").textContent = waves[k] + (before >= 0 ? " (changes since " + waves[before] + ")" : " (the first wave)");
  var edgeStyle = {};
  view.legend.edge_types.forEach(function (t) { edgeStyle[t.type] = t; });
  var counts = { gained: 0, lost: 0, kept: 0 };
  visEdges.forEach(function (edge, i) {
    var e = view.edges[i];
    var now = !!e.waves[k], was = before >= 0 && !!e.waves[before];
    var change = now && was ? "kept" : now ? (before >= 0 ? "gained" : "kept") : was ? "lost" : null;
    var style = edgeStyle[e.type] || { color: "#888888" };
    // Reporting lines and negative ties keep their own look, shown while present, never counted.
    var apart = style.kind === "formal" || style.kind === "negative";
    if (apart) change = now ? "own" : null;
    edge.waveHidden = change === null;
    edge.hidden = change === null;
    if (change === "own") {
      edge.dashes = style.dashes || false;
      edge.color = { color: style.color, opacity: 0.9, highlight: style.color, hover: style.color };
    } else if (change) {
      counts[change] += 1;
      changeStyle(edge, change, style);
    }
  });
  view.nodes.forEach(function (n) {
    if (!Array.isArray(n.waves)) return;
    var now = !!n.waves[k], was = before >= 0 && !!n.waves[before];
    n.hidden = !now && !was;
    n.mark = now && before >= 0 && !was ? "newcomer" : (was && !now ? "leaver" : undefined);
  });
  state.nodes.update(view.nodes.map(function (n) {
    var drawn = look(n);
    return { id: n.id, hidden: !!n.hidden, color: drawn.color, borderWidth: drawn.borderWidth,
             shapeProperties: drawn.shapeProperties };
  }));
  state.edges.update(visEdges.map(function (e) {
    return { id: e.id, hidden: e.hidden, color: e.color, dashes: e.dashes, width: e.width };
  }));
  changeCounts = { before: before >= 0 ? waves[before] : null, after: waves[k], counts: counts,
                   newcomers: view.nodes.filter(function (n) { return n.mark === "newcomer"; }).length,
                   leavers: view.nodes.filter(function (n) { return n.mark === "leaver"; }).length };
  byId("legend-edges").replaceChildren();
  changeKey(byId("legend-edges"));
  byId("legend-styles").replaceChildren();
  if (before >= 0) {
    var styleList = byId("legend-styles");
    [["newcomer", "Joined since " + waves[before], changeCounts.newcomers],
     ["leaver", "Took part in " + waves[before] + ", not in " + waves[k], changeCounts.leavers]].forEach(function (s) {
      var swatch = el("span", null, "swatch " + s[0]);
      swatch.style.background = "#888888";
      keyItem(styleList, swatch, s[1], s[2]);
    });
    styleList.hidden = false;
  }
  relabel();
}

// The change view's key: what gained, lost and kept ties look like, with their numbers.
function changeKey(list) {
  var c = changeCounts;
  if (!c) {  // a page without waves per tie: the compared pair's counts, from the edges
    var counts = { gained: 0, lost: 0, kept: 0 };
    state.view.edges.forEach(function (e) { if (e.change) counts[e.change] += 1; });
    c = { before: state.view.meta.before || "the earlier wave", counts: counts };
  }
  if (c.before) {
    keyItem(list, svgStroke(GAINED, false, 3.5), "Gained since " + c.before, c.counts.gained);
    keyItem(list, svgStroke(LOST, [7, 5], 2.5), "Lost since " + c.before, c.counts.lost);
  }
  keyItem(list, svgStroke("#9A9A9A", false, 2), "Kept (faint, in the type's colour)", c.counts.kept);
}

// Search by name: case and accents do not matter ("zoe" finds "Zoë").
function runSearch() {
  var query = folded(search.value.trim());
  resultList.replaceChildren();
  if (!query || !state.view) { results.hidden = true; if (state.view && state.network) emphasise(null); return; }
  var found = state.view.nodes.filter(function (n) {
    if (n.unit_level && n.hidden) return false;  // a unit of another level than the one drawn
    return folded(n.label).indexOf(query) !== -1 || (n.pid && folded(n.pid).indexOf(query) !== -1);
  });
  found.slice(0, 50).forEach(function (n) {
    var item = el("li");
    var button = el("button", n.label);
    button.type = "button";
    button.addEventListener("click", function () {
      var network = state.network;
      var holder = network.clustering.findNode(n.id);
      if (holder.length > 1 && clusterInfo[holder[0]]) openUnit(holder[0]);
      select(n.id);
      network.focus(n.id, { scale: Math.max(network.getScale(), 1.2), animation: true });
    });
    item.appendChild(button);
    resultList.appendChild(item);
  });
  // The matches light up on the map as the name is typed (those drawn as themselves).
  var matched = found.filter(function (n) { return state.network.clustering.findNode(n.id).length === 1; })
    .map(function (n) { return n.id; });
  emphasise(matched);
  if (matched.length) fitView(matched, true);
  byId("panel").scrollTop = 0;
  if (found.length === 0) resultList.appendChild(el("li", "Nobody's name contains that."));
  if (found.length > 50) resultList.appendChild(el("li", "and " + (found.length - 50) + " more: type more of the name."));
  results.hidden = false;
}
search.addEventListener("input", runSearch);
search.addEventListener("keydown", function (event) {
  if (event.key === "Enter") {
    var first = resultList.querySelector("button");
    if (first) first.click();
  }
});

// Atlas: a switcher between views, filters, and a picture of the view.
var atlas = !!data.views;
var attributeSelect = byId("filter-attribute");
var valueSelect = byId("filter-value");
var typeBoxes = byId("filter-types");

function applyFilters(opening) {
  if (!state.network) return;
  var attribute = attributeSelect.value;
  var value = valueSelect.value;
  var shown = {};
  typeBoxes.querySelectorAll("input").forEach(function (box) { shown[box.value] = box.checked; });
  var clustered = !!state.view.scale;
  state.nodes.update(state.view.nodes.filter(function (n) { return n.kind !== "object"; }).map(function (n) {
    var hide = false;
    if (!clustered && attribute && value && !n.placeholder) {
      var values = (n.values && n.values[attribute]) || [];
      hide = values.indexOf(value) === -1;
    }
    return { id: n.id, hidden: hide };
  }));
  state.edges.update(visEdges.filter(function (e) { return !e.objectLink && !e.waveHidden; }).map(function (e) {
    return { id: e.id, hidden: shown[e.relType] === false };
  }));
  labelWeights = null;
  if (opening !== true && state.ready) fitView(null, true);  // what the filter leaves, fitted in view
}

if (atlas) {
  byId("atlas-tools").hidden = false;
  var tabs = byId("views");
  var first = Object.keys(data.views)[0];
  Object.keys(data.views).forEach(function (name) {
    var tab = el("button", data.views[name].label || name);
    tab.type = "button";
    tab.setAttribute("role", "tab");
    tab.setAttribute("data-view", name);
    tab.setAttribute("aria-selected", name === first ? "true" : "false");
    tab.addEventListener("click", function () {
      tabs.querySelectorAll("button").forEach(function (other) { other.setAttribute("aria-selected", "false"); });
      tab.setAttribute("aria-selected", "true");
      state.current = name;
      show(atlasView(name));
    });
    tabs.appendChild(tab);
  });
  var none = el("option", "everyone");
  none.value = "";
  attributeSelect.appendChild(none);
  Object.keys(data.filters.attributes).forEach(function (name) {
    var option = el("option", name);
    option.value = name;
    attributeSelect.appendChild(option);
  });
  attributeSelect.addEventListener("change", function () {
    valueSelect.replaceChildren();
    var values = data.filters.attributes[attributeSelect.value] || [];
    values.forEach(function (v) {
      var option = el("option", v);
      option.value = v;
      valueSelect.appendChild(option);
    });
    valueSelect.hidden = values.length === 0;
    applyFilters();
  });
  valueSelect.addEventListener("change", applyFilters);
  data.filters.types.forEach(function (type) {
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = type;
    box.addEventListener("change", applyFilters);
    label.appendChild(box);
    label.appendChild(document.createTextNode(" " + type));
    typeBoxes.appendChild(label);
  });
  byId("png").addEventListener("click", function () {
    var canvas = container.querySelector("canvas");
    var copy = document.createElement("canvas");
    copy.width = canvas.width;
    copy.height = canvas.height;
    var ctx = copy.getContext("2d");
    ctx.fillStyle = "#FFFFFF";
    ctx.fillRect(0, 0, copy.width, copy.height);
    ctx.drawImage(canvas, 0, 0);
    var link = document.createElement("a");
    link.href = copy.toDataURL("image/png");
    link.download = (data.meta.file_stem || "landscape") + "-" + state.current + ".png";
    document.body.appendChild(link);
    link.click();
    link.remove();
  });
  state.current = first;
  show(atlasView(state.current));
} else {
  show(data);
}

// A read-only hook for scripts and tests (see the README): the views, a view drawn, its
// findings with their focus, a finding focused, and what is highlighted now.
function whenReady() {
  return new Promise(function (resolve) {
    (function wait() { if (state.ready) resolve(true); else setTimeout(wait, 50); })();
  });
}
var hook = {
  views: function () { return atlas ? Object.keys(data.views) : [data.meta.view]; },
  show: function (name) {
    if (this.views().indexOf(name) === -1) return Promise.reject(new Error("no view " + name));
    if (atlas && name !== state.current) byId("views").querySelector('button[data-view="' + name + '"]').click();
    return whenReady();
  },
  findings: function () {
    return ((state.view && state.view.findings) || []).map(function (f, index) {
      var focus = f.focus || {};
      return copy({ index: index, headline: f.headline || f.statement, question: f.question || "",
                    detail: f.detail || "", statement: f.statement,
                    focus: { people: focus.people || [], groups: focus.groups || [], ties: focus.ties || [] } });
    });
  },
  focusFinding: function (index) { return focusFinding(index); },
  highlighted: function () { return copy(state.focus || { people: [], groups: [], ties: [] }); },
  labelBoxes: function () {
    var base = container.getBoundingClientRect();
    return drawnLabels.map(function (b) {
      return { id: b.id, text: b.text, x: base.left + b.x, y: base.top + b.y, width: b.width, height: b.height };
    });
  },
  nodeBoxes: function () {
    if (!state.network) return [];
    var base = container.getBoundingClientRect(), t = transform();
    return state.network.body.nodeIndices.map(function (id) {
      var b = drawnBox(id, t);
      return { id: id, x: base.left + b.left, y: base.top + b.top, width: b.right - b.left, height: b.bottom - b.top };
    });
  },
  legendBox: function () {
    var r = keyBox.getBoundingClientRect();
    return { x: r.left, y: r.top, width: r.width, height: r.height };
  },
  present: function (on) { return present(on); },
  showLevel: function (level) {
    if (!state.showLevel) return Promise.reject(new Error("this view has no levels"));
    levelSelect.value = level;
    return Promise.resolve(state.showLevel(level));
  },
  levels: function () {
    return Array.prototype.map.call(levelSelect.options, function (o) { return o.value; });
  },
  wave: function (k) {
    if (!state.view || !state.view.changes || waveInput.hidden) return Promise.reject(new Error("no waves"));
    waveInput.value = String(k);
    showWave(Number(waveInput.value));
    return fitView();
  }
};
Object.defineProperty(window, "landscapeAtlas", { value: Object.freeze(hook), writable: false, configurable: false });
function copy(value) { return JSON.parse(JSON.stringify(value)); }
