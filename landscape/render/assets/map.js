/* landscape map: draws the data in #landscape-data with vis-network.
 * Every string from the data is put into the page with textContent, never as HTML. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("landscape-data").textContent);
  var FADED = "#E6E6E6";
  var FADED_EDGE = "rgba(200,200,200,0.35)";

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  var edgeStyle = {};
  data.legend.edge_types.forEach(function (t) { edgeStyle[t.type] = t; });

  function nodeColour(colour) {
    return { background: colour, border: "#333333", highlight: { background: colour, border: "#000000" },
             hover: { background: colour, border: "#000000" } };
  }

  function paler(hex) {
    var r = parseInt(hex.slice(1, 3), 16), g = parseInt(hex.slice(3, 5), 16), b = parseInt(hex.slice(5, 7), 16);
    return "rgba(" + r + "," + g + "," + b + ",0.45)";
  }

  // How each node is drawn: its own colour, or an empty chair, or paler for peripheral participation.
  function look(n) {
    if (n.placeholder) {
      return { color: { background: "#FFFFFF", border: n.color, highlight: { background: "#FFFFFF", border: "#000000" },
                        hover: { background: "#FFFFFF", border: "#000000" } },
               borderWidth: 3, shapeProperties: { borderDashes: [5, 4] }, font: { color: "#555555" } };
    }
    var peripheral = n.level === "peripheral" || n.mark === "rank-beyond-seeking";
    var colour = nodeColour(peripheral ? paler(n.color) : n.color);
    if (n.mark === "sought-beyond-rank") { colour.border = "#B8860B"; }
    return { color: colour, borderWidth: n.mark === "sought-beyond-rank" ? 5 : (n.multi ? 4 : 1),
             shapeProperties: { borderDashes: peripheral ? [3, 3] : false }, font: { color: "#222222" } };
  }

  var visNodes = data.nodes.map(function (n) {
    var node = look(n);
    node.id = n.id;
    node.label = n.label;
    node.value = n.placeholder ? 12 : n.size;
    node.shape = n.kind === "object" ? "square" : (n.mark === "broker" ? "star" : "dot");
    if (n.kind === "object") { node.color = { background: n.color, border: "#333333" }; node.hidden = true; node.value = 10; }
    if (n.x !== undefined) { node.x = n.x; node.y = n.y; }
    node.borderWidthSelected = n.multi ? 5 : 3;
    if (n.layer !== undefined) node.level = n.layer;
    return node;
  });
  var visEdges = data.edges.map(function (e, i) {
    var style = edgeStyle[e.type] || { color: "#888888", dashes: false };
    var opacity = e.crossing === undefined ? 0.55 : (e.crossing ? 0.9 : 0.12);
    var edge = {
      id: i, from: e.from, to: e.to, value: e.crossing ? e.weight * 2 : e.weight,
      arrows: e.directed ? { to: { enabled: true, scaleFactor: 0.5 } } : { to: { enabled: false } },
      dashes: style.dashes, color: { color: style.color, opacity: opacity, highlight: style.color, hover: style.color }
    };
    if (e.kind === "object-link") { edge.dashes = [2, 4]; edge.hidden = true; edge.color = { color: "#6B6B6B", opacity: 0.6 }; }
    return edge;
  });

  var nodes = new vis.DataSet(visNodes);
  var edges = new vis.DataSet(visEdges);
  var container = document.getElementById("network");
  var large = data.nodes.length > 1500;
  var options = {
    layout: { randomSeed: 7, improvedLayout: data.nodes.length <= 300 },
    nodes: { scaling: { min: 6, max: 34, label: { enabled: true, min: 11, max: 22, drawThreshold: 6 } } },
    edges: { scaling: { min: 1, max: 6 }, smooth: large ? false : { type: "continuous" }, selectionWidth: 2 },
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: large, keyboard: { enabled: true, bindToWindow: false } },
    physics: { solver: "forceAtlas2Based", stabilization: { iterations: large ? 150 : 400, updateInterval: 50 },
               forceAtlas2Based: { gravitationalConstant: -40, springLength: 90, avoidOverlap: 0.3 } }
  };
  if (data.layout && data.layout.type === "positions") {
    // Positions come from the data (groups as regions): no physics, so the regions stay put.
    options.physics = { enabled: false };
    options.layout = { randomSeed: 7, improvedLayout: false };
  }
  if (data.layout && data.layout.type === "layers") {
    // Seniority as layers from the top: vis-network's hierarchical layout with a level per node.
    options.layout.hierarchical = { enabled: true, direction: "UD", levelSeparation: 160, nodeSpacing: 110,
                                    treeSpacing: 60, sortMethod: "directed", shakeTowards: "roots" };
    options.physics = { solver: "hierarchicalRepulsion", hierarchicalRepulsion: { nodeDistance: 130 },
                        stabilization: { iterations: 300, updateInterval: 50 } };
    options.edges.smooth = { type: "cubicBezier", forceDirection: "vertical", roundness: 0.4 };
  }
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  var state = { network: network, nodes: nodes, edges: edges, data: data, ready: false };
  window.landscapeMap = state;

  var physicsButton = document.getElementById("physics");
  function setPhysics(on) {
    network.setOptions({ physics: { enabled: on } });
    physicsButton.setAttribute("aria-pressed", on ? "true" : "false");
    physicsButton.textContent = on ? "Hold still" : "Let nodes move";
  }
  function ready() {
    setPhysics(false);
    network.fit();
    state.ready = true;
    document.body.setAttribute("data-ready", "true");
  }
  if (options.physics && options.physics.enabled === false) {
    network.once("afterDrawing", ready);
  } else {
    network.once("stabilizationIterationsDone", ready);
  }

  // Regions behind the network: one translucent disc per group, named.
  if (data.regions) {
    network.on("beforeDrawing", function (ctx) {
      data.regions.forEach(function (r) {
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

  // Boundary objects: a second kind of node, hidden until asked for.
  var objectButton = document.getElementById("objects");
  var objectIds = data.nodes.filter(function (n) { return n.kind === "object"; }).map(function (n) { return n.id; });
  if (objectIds.length) {
    objectButton.hidden = false;
    objectButton.addEventListener("click", function () {
      var show = objectButton.getAttribute("aria-pressed") !== "true";
      objectButton.setAttribute("aria-pressed", show ? "true" : "false");
      objectButton.textContent = show ? "Hide boundary objects" : "Show boundary objects";
      nodes.update(objectIds.map(function (id) { return { id: id, hidden: !show }; }));
      edges.update(visEdges.filter(function (e, i) { return data.edges[i].kind === "object-link"; })
        .map(function (e) { return { id: e.id, hidden: !show }; }));
    });
  }
  physicsButton.addEventListener("click", function () {
    setPhysics(physicsButton.getAttribute("aria-pressed") !== "true");
  });
  document.getElementById("fit").addEventListener("click", function () { network.fit({ animation: true }); });

  // Summary and legend.
  document.getElementById("summary").textContent =
    plural(data.meta.participants, "participant", "participants") + ", " +
    plural(data.meta.relationships, "relationship", "relationships");
  var colourLine = document.getElementById("legend-colour");
  colourLine.textContent = data.legend.color_by ? "Colour: " + data.legend.color_by : "All participants in one colour.";
  var groupList = document.getElementById("legend-groups");
  data.legend.groups.forEach(function (g) {
    var item = el("li");
    var swatch = el("span", null, g.status === "missing" ? "swatch placeholder" : "swatch");
    swatch.style.background = g.color;
    if (g.status === "missing") swatch.style.borderColor = g.color;
    item.appendChild(swatch);
    var name = el("span", g.name);
    if (g.note) name.appendChild(el("span", g.note, "note"));
    item.appendChild(name);
    item.appendChild(el("span", g.count, "count"));
    groupList.appendChild(item);
  });
  if (data.legend.styles) {
    var styleList = document.getElementById("legend-styles");
    data.legend.styles.forEach(function (s) {
      var item = el("li");
      var swatch = el("span", null, "swatch " + s.style);
      swatch.style.background = "#888888";
      item.appendChild(swatch);
      item.appendChild(el("span", s.text));
      styleList.appendChild(item);
    });
    styleList.hidden = false;
  }
  if (data.legend.notes && data.legend.notes.length) {
    var notes = document.getElementById("legend-notes");
    data.legend.notes.forEach(function (text) { notes.appendChild(el("li", text)); });
    notes.hidden = false;
  }
  if (data.findings && data.findings.length) {
    var findingList = document.getElementById("finding-list");
    data.findings.forEach(function (f) {
      var item = el("li", f.statement);
      item.appendChild(el("span", f.question, "question"));
      findingList.appendChild(item);
    });
    document.getElementById("findings").hidden = false;
  }
  if (data.legend.multi_membership > 0) {
    var multi = document.getElementById("legend-multi");
    multi.textContent = "Thick border: in several communities (" + data.legend.multi_membership +
      "); coloured by the first one listed.";
    multi.hidden = false;
  }
  var edgeList = document.getElementById("legend-edges");
  data.legend.edge_types.forEach(function (t) {
    var item = el("li");
    var stroke = el("span", null, t.dashes ? "stroke dashed" : "stroke");
    stroke.style.borderTopColor = t.color;
    item.appendChild(stroke);
    item.appendChild(el("span", t.type));
    item.appendChild(el("span", t.count, "count"));
    edgeList.appendChild(item);
  });
  var sizeText = "Size: " + data.meta.size_by + ". Arrows point from the person who named a tie to the person named.";
  if (data.layout && data.layout.type === "positions") {
    // Positions come from the data (groups as regions): no physics, so the regions stay put.
    options.physics = { enabled: false };
    options.layout = { randomSeed: 7, improvedLayout: false };
  }
  if (data.layout && data.layout.type === "layers") {
    sizeText += " Layers, from the top: " + data.layout.layers.join(", ") + ".";
  }
  if (data.legend.edge_note) sizeText += " " + data.legend.edge_note;
  document.getElementById("legend-size").textContent = sizeText;

  // Tooltip on hover, built from text.
  var tooltip = document.getElementById("tooltip");
  function detailsList(node) {
    var list = el("dl");
    node.details.forEach(function (pair) {
      list.appendChild(el("dt", pair[0]));
      list.appendChild(el("dd", pair[1]));
    });
    return list;
  }
  network.on("hoverNode", function (params) {
    var node = typeof params.node === "number" ? data.nodes[params.node] : clusterInfo[params.node];
    if (!node) return;
    tooltip.replaceChildren(el("strong", node.label), detailsList(node));
    var box = container.getBoundingClientRect();
    var x = box.left + params.pointer.DOM.x, y = box.top + params.pointer.DOM.y;
    tooltip.hidden = false;
    var width = tooltip.offsetWidth, height = tooltip.offsetHeight;
    tooltip.style.left = Math.max(0, Math.min(x + 14, window.innerWidth - width - 8)) + "px";
    tooltip.style.top = Math.max(0, Math.min(y + 14, window.innerHeight - height - 8)) + "px";
  });
  network.on("blurNode", function () { tooltip.hidden = true; });
  network.on("dragStart", function () { tooltip.hidden = true; });

  // Selection: details and neighbourhood.
  var detailsHint = document.getElementById("details-hint");
  var detailsBox = document.getElementById("details-list");
  var highlighted = false;

  function clearHighlight() {
    if (!highlighted) return;
    nodes.update(data.nodes.map(function (n) {
      var restored = look(n);
      return { id: n.id, color: restored.color, font: restored.font };
    }));
    edges.update(visEdges.map(function (e) { return { id: e.id, color: e.color }; }));
    highlighted = false;
    detailsBox.replaceChildren();
    detailsHint.hidden = false;
  }

  function select(id) {
    clearHighlight();
    var keep = {};
    keep[id] = true;
    network.getConnectedNodes(id).forEach(function (other) { keep[other] = true; });
    nodes.update(data.nodes.filter(function (n) { return !keep[n.id]; }).map(function (n) {
      return { id: n.id, color: { background: FADED, border: FADED }, font: { color: "#BBBBBB" } };
    }));
    var near = {};
    network.getConnectedEdges(id).forEach(function (e) { near[e] = true; });
    edges.update(visEdges.filter(function (e) { return !near[e.id]; }).map(function (e) {
      return { id: e.id, color: { color: FADED_EDGE, highlight: FADED_EDGE, hover: FADED_EDGE } };
    }));
    highlighted = true;
    var node = data.nodes[id];
    detailsHint.hidden = true;
    detailsBox.replaceChildren.apply(detailsBox, [el("dt", "name"), el("dd", node.label)].concat(
      Array.prototype.slice.call(detailsList(node).childNodes)));
    network.selectNodes([id]);
  }

  network.on("click", function (params) {
    if (params.nodes.length && network.isCluster(params.nodes[0])) {
      tooltip.hidden = true;
      network.openCluster(params.nodes[0]);
      delete clusterInfo[params.nodes[0]];
      return;
    }
    if (params.nodes.length) select(params.nodes[0]);
    else clearHighlight();
  });

  // Scale: units of a level drawn as one node each (vis-network's clustering); click opens a unit.
  var clusterInfo = {};
  if (data.scale) {
    var levelSelect = document.getElementById("level");
    var unitOf = {};
    data.scale.levels.forEach(function (level) {
      unitOf[level] = {};
      data.nodes.forEach(function (n) { if (n.units) unitOf[level][n.id] = n.units[level]; });
    });
    var currentLevel = null;
    var openAll = function () {
      Object.keys(clusterInfo).forEach(function (id) { network.openCluster(id); });
      clusterInfo = {};
    };
    var foldUnit = function (level, unit, index) {
      var id = "unit:" + level + ":" + index;
      var info = data.scale.units[level][index];
      network.cluster({
        joinCondition: function (options) { return unitOf[level][options.id] === unit; },
        clusterNodeProperties: {
          id: id, label: unit + " (" + info.members + ")", shape: "dot", value: info.members,
          borderWidth: 3, color: nodeColour(info.color), allowSingleNodeCluster: true, font: { size: 18 }
        }
      });
      clusterInfo[id] = { label: unit, details: [["level", level], ["members", String(info.members)],
                                                 ["ties within", String(info.internal_ties)]] };
    };
    var showLevel = function (level) {
      openAll();
      currentLevel = level === "people" ? null : level;
      if (currentLevel) {
        data.scale.units[currentLevel].forEach(function (info, index) { foldUnit(currentLevel, info.id, index); });
      }
    };
    data.scale.levels.slice().reverse().forEach(function (level) {
      var option = el("option", level);
      option.value = level;
      levelSelect.appendChild(option);
    });
    var everyone = el("option", "people");
    everyone.value = "people";
    levelSelect.appendChild(everyone);
    levelSelect.value = data.scale.start;
    levelSelect.hidden = false;
    document.getElementById("level-label").hidden = false;
    levelSelect.addEventListener("change", function () { showLevel(levelSelect.value); network.fit(); });
    network.on("doubleClick", function (params) {
      if (!currentLevel || !params.nodes.length || network.isCluster(params.nodes[0])) return;
      var unit = unitOf[currentLevel][params.nodes[0]];
      var units = data.scale.units[currentLevel];
      for (var i = 0; i < units.length; i++) {
        if (units[i].id === unit) { clearHighlight(); foldUnit(currentLevel, unit, i); break; }
      }
    });
    showLevel(data.scale.start);
    state.showLevel = showLevel;
  }

  // Search by name.
  var search = document.getElementById("search");
  var results = document.getElementById("results");
  var resultList = document.getElementById("result-list");
  // Case and accents do not matter: "zoe" finds "Zoë".
  function folded(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  var searchable = data.nodes.map(function (n) { return folded(n.label) + "\n" + folded(n.pid || ""); });
  function runSearch() {
    var query = folded(search.value.trim());
    resultList.replaceChildren();
    if (!query) { results.hidden = true; return; }
    var found = data.nodes.filter(function (n) { return searchable[n.id].indexOf(query) !== -1; });
    found.slice(0, 50).forEach(function (n) {
      var item = el("li");
      var button = el("button", n.label);
      button.type = "button";
      button.addEventListener("click", function () {
        var holder = network.clustering.findNode(n.id);
        if (holder.length > 1 && clusterInfo[holder[0]]) {
          network.openCluster(holder[0]);
          delete clusterInfo[holder[0]];
        }
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
})();
