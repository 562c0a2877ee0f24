/* Programs Near You: the map of the results on the search page.
 *
 * Drawn here as SVG, offline: state outlines from /static/map/us-states.json (US Census
 * cartographic boundaries, see map/NOTICE.md), the searched place, the radius circle and one
 * marker per program on this page of results. Nothing is fetched from another site.
 * Each marker is a link to the program's page with a label a screen reader reads; the list
 * below the map stays the primary view. "Hide map" is remembered in localStorage.
 * Input: the JSON island #map-data (server-rendered results) and the event
 * "programs-near-you:results" that app.js sends after each search (detail: the API's answer).
 */
(function () {
  "use strict";
  var box = document.getElementById("map-box");
  var figure = document.getElementById("map-figure");
  var toggle = document.getElementById("map-toggle");
  if (!box || !figure || !toggle || !document.createElementNS) return;

  var SVG = "http://www.w3.org/2000/svg";
  var W = 720, H = 330, MILES_PER_DEGREE = 69.0;
  var STORE_KEY = "programs-near-you:map";
  var statesData = null, statesLoading = null, last = null;

  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, String(attrs[key])); });
    if (text !== undefined) node.textContent = String(text);
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function placeLabel(place) {
    var town = [place.city, place.state].filter(Boolean).join(", ");
    if (place.zip) return town ? place.zip + " (" + town + ")" : place.zip;
    return town || (Number(place.lat).toFixed(3) + ", " + Number(place.lon).toFixed(3));
  }
  function isNum(v) { return typeof v === "number" && isFinite(v); }

  // ------------------------------------------------------------------ shown or hidden
  function hiddenByChoice() {
    try { return window.localStorage.getItem(STORE_KEY) === "hidden"; } catch (e) { return false; }
  }
  function remember(hidden) {
    try { window.localStorage.setItem(STORE_KEY, hidden ? "hidden" : "shown"); } catch (e) { /* private mode */ }
  }
  function applyChoice() {
    var hidden = hiddenByChoice();
    figure.hidden = hidden;
    toggle.setAttribute("aria-expanded", hidden ? "false" : "true");
    toggle.textContent = hidden ? "Show map" : "Hide map";
  }
  toggle.addEventListener("click", function () {
    remember(!hiddenByChoice());
    applyChoice();
    if (!figure.hidden && last) draw(last);
  });

  // ------------------------------------------------------------------ drawing
  function projection(lat0, lon0, radius) {
    var scale = (Math.min(W, H) / 2 - 12) / (radius * 1.08); // px per mile
    var kx = MILES_PER_DEGREE * Math.cos(lat0 * Math.PI / 180) * scale, ky = MILES_PER_DEGREE * scale;
    return {
      scale: scale,
      x: function (lon) { return W / 2 + (lon - lon0) * kx; },
      y: function (lat) { return H / 2 - (lat - lat0) * ky; }
    };
  }

  function statePaths(proj) {
    var group = svg("g", { "aria-hidden": "true" });
    (statesData && statesData.states || []).forEach(function (state) {
      var d = "";
      state.rings.forEach(function (ring) {
        var part = "", inside = false;
        for (var i = 0; i + 1 < ring.length; i += 2) {
          var x = proj.x(ring[i]), y = proj.y(ring[i + 1]);
          if (x > -W && x < 2 * W && y > -H && y < 2 * H) inside = true;
          part += (i ? "L" : "M") + x.toFixed(1) + " " + y.toFixed(1);
        }
        if (inside) d += part + "Z";
      });
      if (d) group.appendChild(svg("path", { d: d, "class": "map-state" }));
    });
    return group;
  }

  function draw(data) {
    last = data;
    var place = data && data.location, results = (data && data.results) || [];
    var points = results.filter(function (doc) {
      var inst = doc.institution || {};
      return isNum(inst.lat) && isNum(inst.lon);
    });
    if (!place || !isNum(place.lat) || !isNum(place.lon) || !points.length) {
      box.hidden = true;
      return;
    }
    box.hidden = false;
    applyChoice();
    if (figure.hidden) return;

    var radius = Number(data.radius) || 25;
    var proj = projection(place.lat, place.lon, radius);
    var where = placeLabel(place);
    var root = svg("svg", { viewBox: "0 0 " + W + " " + H, role: "group", "aria-labelledby": "map-caption",
      focusable: "false" });
    root.appendChild(statePaths(proj));
    root.appendChild(svg("circle", { cx: W / 2, cy: H / 2, r: (radius * proj.scale).toFixed(1),
      "class": "map-radius", "aria-hidden": "true" }));
    var home = svg("g", { "class": "map-home", "aria-hidden": "true" });
    home.appendChild(svg("path", { d: "M" + (W / 2) + " " + (H / 2 - 9) + "l3 6h6l-5 4 2 7-6-4-6 4 2-7-5-4h6z" }));
    root.appendChild(home);
    root.appendChild(svg("text", { x: W / 2 + 10, y: H / 2 - 10, "class": "map-label", "aria-hidden": "true" }, where));

    // programs at the same spot are fanned out a little so each marker can be clicked
    var seen = {};
    points.forEach(function (doc, i) {
      var inst = doc.institution || {}, prog = doc.program || {};
      var x = proj.x(inst.lon), y = proj.y(inst.lat);
      var key = Math.round(x) + "," + Math.round(y);
      var n = seen[key] = (seen[key] || 0) + 1;
      if (n > 1) { x += 9 * Math.cos(n * 2.1); y += 9 * Math.sin(n * 2.1); }
      var miles = isNum(doc.distance_miles) ? ", " + doc.distance_miles.toFixed(1) + " miles away" : "";
      var label = (i + 1) + ". " + (prog.name || "Program") + " at " + (inst.name || "a school") + miles;
      var link = svg("a", { href: "/programs/" + encodeURIComponent(doc.id || ""), "class": "map-school",
        "aria-label": label });
      link.appendChild(svg("title", {}, label));
      link.appendChild(svg("circle", { cx: x.toFixed(1), cy: y.toFixed(1), r: 7 }));
      root.appendChild(link);
    });

    var holder = document.getElementById("map-svg");
    clear(holder);
    holder.appendChild(root);
    document.getElementById("map-caption").textContent =
      "Map of the " + points.length + (points.length === 1 ? " program" : " programs") + " on this page, within " +
      radius + " miles of " + where + ". Each dot is a link to its program's page; the list below has the same programs.";

    if (!statesData && !statesLoading && window.fetch) {
      statesLoading = fetch(box.getAttribute("data-states")).then(function (resp) { return resp.json(); })
        .then(function (json) { statesData = json; if (last) draw(last); }, function () { /* outlines are optional */ });
    }
  }

  document.addEventListener("programs-near-you:results", function (event) { draw(event.detail); });
  var island = document.getElementById("map-data");
  if (island) {
    try { draw(JSON.parse(island.textContent)); } catch (e) { box.hidden = true; }
  }
})();
