/* landscape map and atlas: draws the data in #landscape-data with vis-network.
 * A map holds one view; an atlas holds the people once and, per view, what changes (colours,
 * sizes, positions, marks), with a switcher between views. Every string from the data is put into
 * the page with textContent, never as HTML. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("landscape-data").textContent);
  var FADED = "#E6E6E6";
  var FADED_EDGE = "rgba(200,200,200,0.35)";
  var container = document.getElementById("network");
  var state = { network: null, nodes: null, edges: null, view: null, data: data, ready: false };
  window.landscapeMap = state;

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

  // How each node is drawn: its own colour, or an empty chair, or paler for peripheral participation.
  function look(n) {
    if (n.placeholder) {
      return { color: { background: "#FFFFFF", border: n.color, highlight: { background: "#FFFFFF", border: "#000000" },
                        hover: { background: "#FFFFFF", border: "#000000" } },
               borderWidth: 3, shapeProperties: { borderDashes: [5, 4] }, font: { color: "#555555" } };
    }
    if (n.kind === "object") {
      return { color: nodeColour(n.color), borderWidth: 1, shapeProperties: { borderDashes: false },
               font: { color: "#333333" } };
    }
    var peripheral = n.level === "peripheral" || n.mark === "rank-beyond-seeking" || n.mark === "leaver";
    var colour = nodeColour(peripheral ? paler(n.color) : n.color);
    if (n.mark === "sought-beyond-rank") { colour.border = "#B8860B"; }
    if (n.mark === "newcomer") { colour.border = "#1B7F3B"; }
    var ringed = n.mark === "sought-beyond-rank" || n.mark === "newcomer";
    return { color: colour, borderWidth: ringed ? 5 : (n.multi ? 4 : 1),
             shapeProperties: { borderDashes: peripheral ? [3, 3] : false }, font: { color: "#222222" } };
  }

  // An atlas view: the people (once in the data) with this view's overlay merged in.
  function atlasView(name) {
    var overlay = data.views[name];
    var fields = Object.keys(overlay.nodes);
    var nodes = data.people.map(function (person, i) {
      var node = { id: person.id, pid: person.pid, label: person.label, details: person.details,
                   metrics: person.metrics, values: person.values };
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
  var detailsBox = byId("details-list");
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
  byId("fit").addEventListener("click", function () { if (state.network) state.network.fit({ animation: true }); });
  objectButton.addEventListener("click", function () {
    var show = objectButton.getAttribute("aria-pressed") !== "true";
    objectButton.setAttribute("aria-pressed", show ? "true" : "false");
    objectButton.textContent = show ? "Hide boundary objects" : "Show boundary objects";
    state.nodes.update(objectIds.map(function (id) { return { id: id, hidden: !show }; }));
    state.edges.update(visEdges.filter(function (e) { return e.objectLink; }).map(function (e) { return { id: e.id, hidden: !show }; }));
  });

  function clearList(id) { byId(id).replaceChildren(); }

  function teardown() {
    if (state.network) state.network.destroy();
    state.network = null;
    state.ready = false;
    document.body.removeAttribute("data-ready");
    ["legend-groups", "legend-edges", "legend-styles", "legend-notes", "finding-list", "result-list"].forEach(clearList);
    ["legend-styles", "legend-notes", "findings", "results", "legend-multi"].forEach(function (id) { byId(id).hidden = true; });
    objectButton.hidden = true;
    objectButton.setAttribute("aria-pressed", "false");
    objectButton.textContent = "Show boundary objects";
    levelSelect.hidden = true;
    byId("level-label").hidden = true;
    levelSelect.replaceChildren();
    tooltip.hidden = true;
    detailsBox.replaceChildren();
    detailsHint.hidden = false;
    search.value = "";
    clusterInfo = {};
    openedAt = 0;
    highlighted = false;
    state.focus = { people: [], groups: [], ties: [] };
  }

  function show(view) {
    teardown();
    state.view = view;
    var edgeStyle = {};
    view.legend.edge_types.forEach(function (t) { edgeStyle[t.type] = t; });
    var positions = view.layout && view.layout.type === "positions";
    var visNodes = view.nodes.map(function (n) {
      var node = look(n);
      node.id = n.id;
      node.label = n.label;
      node.value = n.placeholder ? 12 : (n.kind === "object" ? 10 : n.size);
      node.shape = n.kind === "object" ? "square" : (n.mark === "broker" ? "star" : "dot");
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
      if (e.change === "gained") { edge.color = { color: "#1B7F3B", opacity: 0.95, highlight: "#1B7F3B", hover: "#1B7F3B" }; }
      if (e.change === "kept") { edge.color.opacity = 0.25; }
      if (e.change === "lost") { edge.dashes = [4, 4]; edge.color = { color: "#8A8A8A", opacity: 0.45 }; }
      if (e.hidden) edge.hidden = true;
      if (e.kind === "object-link") {
        edge.dashes = [2, 4]; edge.hidden = true; edge.objectLink = true;
        edge.color = { color: "#6B6B6B", opacity: 0.6 };
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
      nodes: { scaling: { min: 6, max: 34, label: { enabled: true, min: 11, max: 22, drawThreshold: 6 } } },
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
      network.fit();
      state.ready = true;
      document.body.setAttribute("data-ready", "true");
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
          ctx.globalAlpha = 0.6;
          ctx.fillStyle = "#333333";
          ctx.font = "bold 16px system-ui, sans-serif";
          ctx.textAlign = "center";
          ctx.fillText(r.name, r.x, r.y - r.r - 8);
          ctx.restore();
        });
      });
    }
    legend(view);
    findings(view);
    network.on("hoverNode", hover);
    network.on("blurNode", function () { tooltip.hidden = true; });
    network.on("dragStart", function () { tooltip.hidden = true; });
    network.on("click", click);
    if (view.scale) scaleLevels(view);
    if (view.units) unitLevels(view);
    if (atlas) applyFilters();
  }

  function legend(view) {
    byId("summary").textContent = plural(view.meta.participants, "participant", "participants") + ", " +
      plural(view.meta.relationships, "relationship", "relationships");
    byId("legend-colour").textContent = view.legend.color_by ? "Colour: " + view.legend.color_by : "All participants in one colour.";
    var groupList = byId("legend-groups");
    view.legend.groups.forEach(function (g) {
      var item = el("li");
      var swatch = el("span", null, g.status === "missing" ? "swatch placeholder" : "swatch");
      swatch.style.background = g.color;
      if (g.status === "missing") swatch.style.borderColor = g.color;
      item.appendChild(swatch);
      var name = el("span", g.name, g.no_value ? "no-value" : undefined);
      if (g.note) name.appendChild(el("span", g.note, "note"));
      item.appendChild(name);
      item.appendChild(el("span", g.count, "count"));
      groupList.appendChild(item);
    });
    if (view.legend.multi_membership > 0) {
      var multi = byId("legend-multi");
      var attribute = view.legend.multi_attribute;
      var several = !attribute || attribute === "community" ? "communities" : "values of " + attribute;
      multi.textContent = "Thick border: in several " + several + " (" + view.legend.multi_membership +
        "); coloured by the first one listed.";
      multi.hidden = false;
    }
    if (view.legend.styles) {
      var styleList = byId("legend-styles");
      view.legend.styles.forEach(function (s) {
        var item = el("li");
        var swatch = el("span", null, "swatch " + s.style);
        swatch.style.background = "#888888";
        item.appendChild(swatch);
        item.appendChild(el("span", s.text));
        styleList.appendChild(item);
      });
      styleList.hidden = false;
    }
    if (view.legend.notes && view.legend.notes.length) {
      var notes = byId("legend-notes");
      view.legend.notes.forEach(function (text) { notes.appendChild(el("li", text)); });
      notes.hidden = false;
    }
    var edgeList = byId("legend-edges");
    view.legend.edge_types.forEach(function (t) {
      var item = el("li");
      var stroke = el("span", null, t.dashes ? "stroke dashed" : "stroke");
      stroke.style.borderTopColor = t.color;
      item.appendChild(stroke);
      // What a type means when it is not a learning tie: "dislike (negative)", "reports_to (formal)".
      item.appendChild(el("span", t.kind && t.kind !== "learning" ? t.type + " (" + t.kind + ")" : t.type));
      item.appendChild(el("span", t.count, "count"));
      edgeList.appendChild(item);
    });
    var sizeText = "Size: " + view.meta.size_by + ". Arrows point from the person who named a tie to the person named.";
    if (view.layout && view.layout.type === "layers") sizeText += " Layers, from the top: " + view.layout.layers.join(", ") + ".";
    if (view.legend.edge_note) sizeText += " " + view.legend.edge_note;
    byId("legend-size").textContent = sizeText;
  }

  function findings(view) {
    if (!view.findings || !view.findings.length) return;
    var list = byId("finding-list");
    view.findings.forEach(function (f, index) {
      var item = el("li", f.statement);
      item.appendChild(el("span", f.question, "question"));
      var focus = f.focus || {};
      if ((focus.people || []).length || (focus.groups || []).length || (focus.ties || []).length) {
        // A finding about people, groups or ties shows them: click (or Enter) to highlight and fit them.
        item.tabIndex = 0;
        item.className = "focusable";
        item.title = "Show on the map";
        item.setAttribute("role", "button");
        item.addEventListener("click", function () { focusFinding(index); });
        item.addEventListener("keydown", function (event) {
          if (event.key === "Enter" || event.key === " ") { event.preventDefault(); focusFinding(index); }
        });
      }
      list.appendChild(item);
    });
    byId("findings").hidden = false;
  }

  // What a finding is about, on the map: its people (by id), every node in one of its groups
  // (members, empty chairs, units), and the ties between two of its people.
  function focusFinding(index) {
    var f = state.view && state.view.findings && state.view.findings[index];
    if (!f || !state.network) return Promise.resolve(false);
    clearHighlight();
    var focus = f.focus || {};
    var people = {}, groups = {}, shown = { people: {}, groups: {} };
    // In the Scale view a group is a unit of some level; people are matched, not groups.
    var byGroup = !state.view.scale;
    (focus.people || []).forEach(function (p) { people[p] = true; });
    if (byGroup) (focus.groups || []).forEach(function (g) { groups[g] = true; });
    var keep = {}, byPid = {}, drawn = {}, fitted = {};
    state.nodes.get().forEach(function (n) { if (!n.hidden) drawn[n.id] = true; });
    state.view.nodes.forEach(function (n) {
      if (!drawn[n.id]) return;  // filtered out: neither highlighted nor fitted
      var unit = state.network.clustering.findNode(n.id);
      if (unit.length > 1) {  // inside a folded unit: the unit stands for them
        if (n.pid && people[n.pid]) fitted[unit[0]] = true;
        return;
      }
      if (n.pid) byPid[n.pid] = n.id;
      var inGroups = (n.groups || (n.group !== undefined && n.group !== null ? [n.group] : [])).filter(function (g) {
        return groups[g];
      });
      if ((n.pid && people[n.pid]) || inGroups.length) {
        keep[n.id] = true;
        if (n.pid && people[n.pid]) shown.people[n.pid] = true;
        inGroups.forEach(function (g) { shown.groups[g] = true; });
      }
    });
    var ties = {}, shownTies = [];
    (focus.ties || []).forEach(function (pair) {
      var a = byPid[pair[0]], b = byPid[pair[1]];
      if (a === undefined || b === undefined) return;
      ties[a + " " + b] = ties[b + " " + a] = true;
      keep[a] = keep[b] = true;
      shownTies.push([pair[0], pair[1]]);
    });
    state.nodes.update(state.view.nodes.filter(function (n) { return !keep[n.id]; }).map(function (n) {
      return { id: n.id, color: { background: FADED, border: FADED }, font: { color: "#BBBBBB" } };
    }));
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
    byId("finding-list").querySelectorAll("li").forEach(function (item, i) {
      item.setAttribute("aria-current", i === index ? "true" : "false");
    });
    state.network.unselectAll();
    var ids = Object.keys(keep).concat(Object.keys(fitted)).map(function (id) { return isNaN(Number(id)) ? id : Number(id); });
    return new Promise(function (resolve) {
      state.network.once("afterDrawing", function () { resolve(true); });
      if (ids.length) state.network.fit({ nodes: ids, animation: false });
      state.network.redraw();
    });
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
    if (!highlighted || !state.network) return;
    state.nodes.update(state.view.nodes.map(function (n) {
      var restored = look(n);
      return { id: n.id, color: restored.color, font: restored.font };
    }));
    state.edges.update(visEdges.map(function (e) { return { id: e.id, color: e.color }; }));
    highlighted = false;
    detailsBox.replaceChildren();
    detailsHint.hidden = false;
  }

  function select(id) {
    var network = state.network;
    clearHighlight();
    var keep = {};
    keep[id] = true;
    network.getConnectedNodes(id).forEach(function (other) { keep[other] = true; });
    state.nodes.update(state.view.nodes.filter(function (n) { return !keep[n.id]; }).map(function (n) {
      return { id: n.id, color: { background: FADED, border: FADED }, font: { color: "#BBBBBB" } };
    }));
    var near = {};
    network.getConnectedEdges(id).forEach(function (e) { near[e] = true; });
    state.edges.update(visEdges.filter(function (e) { return !near[e.id]; }).map(function (e) {
      return { id: e.id, color: { color: FADED_EDGE, highlight: FADED_EDGE, hover: FADED_EDGE } };
    }));
    highlighted = true;
    var node = state.view.nodes[id];
    detailsHint.hidden = true;
    detailsBox.replaceChildren(el("dt", "name"), el("dd", node.label));
    pairs(detailsBox, node.details);
    if (node.metrics && node.metrics.length) {
      var heading = el("dt", "Measures", "section");
      detailsBox.appendChild(heading);
      detailsBox.appendChild(el("dd", ""));
      pairs(detailsBox, node.metrics);
    }
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
      view.nodes.forEach(function (n) { if (n.units) unitOf[level][n.id] = n.units[level]; });
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
          id: id, label: unit + " (" + info.members + ")", shape: "dot", value: info.members,
          borderWidth: 3, color: nodeColour(info.color), allowSingleNodeCluster: true, font: { size: 18 }
        }
      });
      var at = network.getPositions([id])[id];
      clusterInfo[id] = { label: unit, x: at.x, y: at.y,
                          details: [["level", level], ["members", String(info.members)],
                                    ["ties within", String(info.internal_ties)]] };
    }
    function showLevel(level) {
      openAll();
      currentLevel = level === "people" ? null : level;
      if (currentLevel) view.scale.units[currentLevel].forEach(function (info, index) { foldUnit(currentLevel, info.id, index); });
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
    levelSelect.onchange = function () { showLevel(levelSelect.value); network.fit(); };
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
      state.network.fit();
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

  // Search by name: case and accents do not matter ("zoe" finds "Zoë").
  function runSearch() {
    var query = folded(search.value.trim());
    resultList.replaceChildren();
    if (!query || !state.view) { results.hidden = true; return; }
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
        network.focus(n.id, { scale: 1.2, animation: true });
      });
      item.appendChild(button);
      resultList.appendChild(item);
    });
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

  function applyFilters() {
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
    state.edges.update(visEdges.filter(function (e) { return !e.objectLink; }).map(function (e) {
      return { id: e.id, hidden: shown[e.relType] === false };
    }));
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
        return copy({ index: index, statement: f.statement,
                      focus: { people: focus.people || [], groups: focus.groups || [], ties: focus.ties || [] } });
      });
    },
    focusFinding: function (index) { return focusFinding(index); },
    highlighted: function () { return copy(state.focus || { people: [], groups: [], ties: [] }); }
  };
  Object.defineProperty(window, "landscapeAtlas", { value: Object.freeze(hook), writable: false, configurable: false });
  function copy(value) { return JSON.parse(JSON.stringify(value)); }
})();
