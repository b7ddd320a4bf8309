/* newsevents dashboard: the little JavaScript it needs, no dependencies.
   - quad-class toggles on the dyad timeline
   - a small force layout for the actor network (nodes/edges come from the
     page as JSON; text is set with textContent, never innerHTML). */
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";

  function el(name, attrs, parent) {
    var n = document.createElementNS(SVG, name);
    for (var k in attrs) n.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(n);
    return n;
  }

  // Dyad timeline: hide/show one quad class in bars and points.
  document.querySelectorAll(".toggles input[data-quad]").forEach(function (box) {
    box.addEventListener("change", function () {
      var q = box.getAttribute("data-quad");
      document.querySelectorAll("#timeline [data-quad='" + q + "']").forEach(function (n) {
        n.classList.toggle("hidden-quad", !box.checked);
      });
    });
  });

  function colour(e) {
    var total = e.cooperation + e.conflict || 1;
    if (e.cooperation / total >= 0.66) return "#2e8b57";
    if (e.conflict / total >= 0.66) return "#d1495b";
    return "#8c6bb1";
  }

  function network(svgId, dataId) {
    var svg = document.getElementById(svgId), src = document.getElementById(dataId);
    if (!svg || !src) return;
    var data = JSON.parse(src.textContent);
    var W = 960, H = 620, nodes = data.nodes, edges = data.edges;
    if (!edges.length) return;
    var index = {};
    nodes.forEach(function (n, i) {
      index[n.code] = n;
      // Deterministic start on a circle so the layout is the same on every load.
      var a = 2 * Math.PI * i / nodes.length;
      n.x = W / 2 + 220 * Math.cos(a); n.y = H / 2 + 220 * Math.sin(a); n.vx = 0; n.vy = 0;
    });
    var links = edges.filter(function (e) { return index[e.source] && index[e.target]; });
    var maxE = Math.max.apply(null, links.map(function (e) { return e.events; }));
    var degree = {};
    links.forEach(function (e) {
      degree[e.source] = (degree[e.source] || 0) + e.events;
      degree[e.target] = (degree[e.target] || 0) + e.events;
    });
    // Plain force simulation: springs on edges, repulsion between all pairs.
    for (var it = 0; it < 400; it++) {
      var cool = 1 - it / 400;
      for (var i = 0; i < nodes.length; i++) {
        for (var j = i + 1; j < nodes.length; j++) {
          var a = nodes[i], b = nodes[j], dx = a.x - b.x, dy = a.y - b.y;
          var d2 = dx * dx + dy * dy + 0.01, f = 16000 / d2;
          var d = Math.sqrt(d2);
          a.vx += f * dx / d; a.vy += f * dy / d; b.vx -= f * dx / d; b.vy -= f * dy / d;
        }
      }
      links.forEach(function (e) {
        var a = index[e.source], b = index[e.target], dx = b.x - a.x, dy = b.y - a.y;
        var d = Math.sqrt(dx * dx + dy * dy) + 0.01, f = (d - 190) * 0.02;
        a.vx += f * dx / d; a.vy += f * dy / d; b.vx -= f * dx / d; b.vy -= f * dy / d;
      });
      nodes.forEach(function (n) {
        n.vx += (W / 2 - n.x) * 0.006; n.vy += (H / 2 - n.y) * 0.006;
        n.x += Math.max(-20, Math.min(20, n.vx)) * cool; n.y += Math.max(-20, Math.min(20, n.vy)) * cool;
        n.x = Math.max(40, Math.min(W - 40, n.x)); n.y = Math.max(30, Math.min(H - 30, n.y));
        n.vx *= 0.5; n.vy *= 0.5;
      });
    }
    var defs = el("defs", {}, svg);
    ["#2e8b57", "#d1495b", "#8c6bb1"].forEach(function (c, k) {
      var m = el("marker", {id: "arrow" + k, viewBox: "0 0 10 10", refX: 10, refY: 5,
                            markerUnits: "userSpaceOnUse", markerWidth: 11, markerHeight: 11,
                            orient: "auto-start-reverse"}, defs);
      el("path", {d: "M0,0 L10,5 L0,10 z", fill: c}, m);
    });
    var gl = el("g", {}, svg), gn = el("g", {}, svg);
    function r(n) { return 5 + 10 * Math.sqrt((degree[n.code] || 1) / maxE) ; }
    links.forEach(function (e) {
      var a = index[e.source], b = index[e.target], c = colour(e);
      var dx = b.x - a.x, dy = b.y - a.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
      // Offset the line sideways a little so A→B and B→A do not overlap.
      var ox = -dy / d * 4, oy = dx / d * 4, rb = r(b) + 2;
      var line = el("line", {x1: a.x + ox, y1: a.y + oy, x2: b.x - dx / d * rb + ox,
                             y2: b.y - dy / d * rb + oy, stroke: c,
                             "stroke-width": 1 + 6 * e.events / maxE,
                             "marker-end": "url(#arrow" + ["#2e8b57", "#d1495b", "#8c6bb1"].indexOf(c) + ")"}, gl);
      var t = el("title", {}, line);
      t.textContent = e.source + " → " + e.target + ": " + e.events + " events (" +
        e.cooperation + " cooperation, " + e.conflict + " conflict)";
    });
    nodes.forEach(function (n) {
      var a = el("a", {href: "/actors/" + encodeURIComponent(n.code), class: "node"}, gn);
      el("circle", {cx: n.x, cy: n.y, r: r(n)}, a);
      var label = el("text", {x: n.x + r(n) + 3, y: n.y + 4}, a);
      label.textContent = n.code;
      var t = el("title", {}, a);
      t.textContent = (n.name || n.code) + " — " + n.events + " events";
    });
  }

  window.newsevents = {network: network};
})();
