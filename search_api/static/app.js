/* Programs Near You: progressive enhancement of the search page and the widget.
 *
 * The server renders a working page for every URL; this script takes over the
 * form: it calls GET /api/v1/programs, renders the answer and (on the page, not
 * in the widget) puts the search in the address bar so it can be shared.
 * Every value from the API is inserted as text (textContent / text nodes),
 * never as HTML; only http(s) URLs become links.
 */
(function () {
  "use strict";

  var form = document.getElementById("search-form");
  var vocabEl = document.getElementById("vocab");
  if (!form || !vocabEl || !window.fetch || !window.URLSearchParams || !window.history) return;

  var mode = document.body.getAttribute("data-mode") === "embed" ? "embed" : "page";
  var compact = mode === "embed";
  var API = form.getAttribute("data-api") || "/api/v1/programs";
  var SELF = form.getAttribute("action") || "/";
  var PAGE = form.getAttribute("data-page") || SELF;
  var DEFAULTS = compact ? { per_page: "5", online_limit: "3" } : {};
  var LOCATION_PARAMS = ["zip", "location", "lat", "lon"];
  var FIELD_OF_PARAM = { zip: "location", lat: "location", lon: "location", location: "location" };
  var SHOWN_FIELDS = compact ? ["location"]
    : ["location", "radius", "credential", "delivery", "max_months", "certification", "sort", "q"];
  var RADII = [10, 25, 50, 100, 250, 500];

  var vocab = JSON.parse(vocabEl.textContent);
  function byCode(list) {
    var out = {};
    (list || []).forEach(function (item) { out[item.code] = item; });
    return out;
  }
  var NAMES = {
    credential: byCode(vocab.credentials), delivery: byCode(vocab.deliveries),
    certification: byCode(vocab.certifications), accreditation: byCode(vocab.accreditations),
    length: byCode(vocab.length_bands)
  };

  var $ = function (id) { return document.getElementById(id); };
  var statusEl = $("status"), listEl = $("result-list"), emptyEl = $("empty"), pagerEl = $("pager"),
    facetsEl = $("facets"), onlineEl = $("online"), onlineListEl = $("online-list"),
    onlineStatusEl = $("online-status"), generalEl = $("general-error"), seeAllEl = $("see-all"),
    button = $("search-button"), resultsEl = $("results");
  var current = 0; // sequence number of the latest request; older answers are dropped

  // ------------------------------------------------------------------ DOM helpers (text only)
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (key) {
        var value = attrs[key];
        if (value === null || value === undefined || value === false) return;
        if (key === "text") node.textContent = String(value);
        else if (key === "className") node.className = value;
        else node.setAttribute(key, String(value));
      });
    }
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }
  function clear(node) { while (node && node.firstChild) node.removeChild(node.firstChild); }

  function safeUrl(url) {
    if (typeof url !== "string" || url.length > 2000 || /["<>\s]/.test(url.trim())) return null;
    try {
      var parsed = new URL(url.trim());
      return (parsed.protocol === "http:" || parsed.protocol === "https:") && parsed.host ? parsed.href : null;
    } catch (e) { return null; }
  }

  // ------------------------------------------------------------------ formatting (mirrors pages.py)
  var AWARD_LEVEL_SPANS = { 20: "Under 12 weeks", 21: "12 weeks to 1 year", 1: "Under 1 year", 2: "1 to 2 years",
                           4: "2 to 4 years" };
  function fmtMonths(months, text, awardLevel) {
    if (typeof months === "number" && isFinite(months) && months > 0) {
      if (months >= 12 && months % 12 === 0) { var y = months / 12; return y + (y === 1 ? " year" : " years"); }
      var m = Math.round(months * 10) / 10;
      return m + (m === 1 ? " month" : " months");
    }
    if (text) { return String(text); }
    var span = Object.prototype.hasOwnProperty.call(AWARD_LEVEL_SPANS, awardLevel) ? AWARD_LEVEL_SPANS[awardLevel] : null;
    return span ? span + " (award level)" : "Length not listed";
  }
  function fmtMoney(amount, text) {
    if (typeof amount === "number" && isFinite(amount) && amount >= 0) {
      return "$" + Math.round(amount).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    }
    return text ? String(text) : "";
  }
  // the length a card shows: the API's summary, which names its basis (programs/length.py)
  function fmtLength(prog) {
    if (typeof prog.length_summary === "string" && prog.length_summary) return prog.length_summary;
    var text = fmtMonths(prog.length_months, prog.length_text, prog.award_level);
    return text === "Length not listed" ? "" : text;
  }
  var NOT_REPORTED = vocab.not_reported || { text: "not reported", why: {} };
  function notReported(field) {
    var why = NOT_REPORTED.why[field] || "";
    return [el("span", { className: "not-reported", title: why }, [
      NOT_REPORTED.text, el("span", { className: "visually-hidden", text: " (" + why + ")" })
    ])];
  }
  var SOURCE_NAMES = vocab.source_names || {};
  function fmtSources(sources) {
    var parts = [];
    (sources || []).forEach(function (ref) {
      if (!ref || (ref.status && ref.status !== "active")) return;
      var label = SOURCE_NAMES[ref.source] || String(ref.source);
      var day = typeof ref.fetched_at === "string" && ref.fetched_at.length >= 10 ? ref.fetched_at.slice(0, 10) : "";
      parts.push(ref.vintage ? label + ": " + ref.vintage : (day ? label + ", seen " + day : label));
    });
    return parts.join("; ") || "not known";
  }
  function name(kind, code, fallback) {
    var item = NAMES[kind][code];
    return item ? item.name : (code || fallback || "Not listed");
  }
  function placeLabel(place) {
    var town = [place.city, place.state].filter(Boolean).join(", ");
    if (place.zip) return town ? place.zip + " (" + town + ")" : place.zip;
    if (town) return town;
    return Number(place.lat).toFixed(3) + ", " + Number(place.lon).toFixed(3);
  }
  function codes(kind, list, field) {
    if (!list || !list.length) return notReported(field);
    var out = [];
    list.forEach(function (code, i) {
      if (i) out.push(", ");
      var item = NAMES[kind][code];
      out.push(el("abbr", { title: item ? item.name : code, text: code }));
    });
    return out;
  }
  function fact(label, value, className) {
    var dd = el("dd", className ? { className: className } : null,
      Array.isArray(value) ? value : [String(value)]);
    return el("div", null, [el("dt", { text: label }), dd]);
  }

  function fmtCount(value) {
    return typeof value === "number" && isFinite(value)
      ? Math.round(value).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",") : null;
  }
  function truncate(text, size) {
    text = String(text);
    if (text.length <= size) return text;
    var cut = text.slice(0, size - 3), space = cut.lastIndexOf(" ");
    return (space > 0 ? cut.slice(0, space) : cut) + "...";
  }
  var PROGRAM_PAGE = "/programs/"; // the program page (blueprints/program_page.py), same origin

  // mirrors the card macro of _results.html
  function card(doc, alsoLocal) {
    var prog = doc.program || {}, inst = doc.institution || {}, outcomes = doc.outcomes || {};
    var link = safeUrl(prog.url) || safeUrl(inst.url);
    var title = el("a", { className: "program-link", href: PROGRAM_PAGE + encodeURIComponent(doc.id || ""),
      target: compact ? "_blank" : null, rel: compact ? "noopener" : null, text: prog.name || "" });
    var where = [inst.city, inst.state].filter(Boolean).join(", ");
    var facts = [];
    if (typeof doc.distance_miles === "number") facts.push(fact("Distance", doc.distance_miles.toFixed(1) + " mi", "distance"));
    facts.push(fact("Credential", name("credential", prog.credential)));
    facts.push(fact("Length", fmtLength(prog) || notReported("length")));
    facts.push(fact("Delivery", prog.delivery ? name("delivery", prog.delivery) : notReported("delivery")));
    facts.push(fact("Cost", fmtMoney(prog.tuition_usd, prog.tuition_text) || notReported("cost")));
    if (!compact) {
      facts.push(fact("Exam prep", codes("certification", prog.certifications, "exam_prep")));
      facts.push(fact("Accreditation", codes("accreditation", prog.accreditations, "accreditation")));
      if (fmtCount(outcomes.completions)) facts.push(fact("Completions a year", fmtCount(outcomes.completions), "completions"));
      if (typeof outcomes.median_earnings_1yr === "number") facts.push(fact("Median earnings", fmtMoney(outcomes.median_earnings_1yr) + " a year", "earnings"));
      if (typeof outcomes.median_debt === "number") facts.push(fact("Median debt", fmtMoney(outcomes.median_debt), "debt"));
    }
    facts.push(fact("Source", fmtSources(doc.sources), "source"));
    var children = [];
    if (alsoLocal) children.push(el("p", { className: "also-local", text: "Also in the list above" }));
    children.push(el("h3", { className: "card-title" }, [title]));
    children.push(el("p", { className: "card-school" }, [(inst.name || "") + (where ? " · " + where : "")]));
    if (prog.description && !compact) children.push(el("p", { className: "card-desc", text: truncate(prog.description, 200) }));
    children.push(el("dl", { className: "facts" }, facts));
    if (link) {
      children.push(el("p", { className: "card-links" }, [el("a", { className: "external", href: link,
        rel: "noopener nofollow", target: compact ? "_blank" : null },
        [safeUrl(prog.url) ? "Program's page" : "School's site",
         el("span", { className: "visually-hidden", text: " (" + (inst.name || "") + ")" })])]));
    }
    return el("li", { className: "card", "data-id": doc.id || "" }, children);
  }

  // ------------------------------------------------------------------ parameters and URLs
  function paramsFromForm() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      value = String(value).trim();
      if (!value) return;
      if (key === "location" && /\d/.test(value) && value.length <= 12 && value.indexOf(",") < 0) key = "zip"; // a ZIP typed in the one box
      params.append(key, value);
    });
    return params;
  }
  function withChanges(params, changes) {
    var out = new URLSearchParams(params.toString());
    Object.keys(changes).forEach(function (key) {
      out.delete(key);
      if (changes[key] !== null && changes[key] !== undefined) out.append(key, changes[key]);
    });
    return out;
  }
  function hasLocation(params) {
    return LOCATION_PARAMS.some(function (key) { return params.has(key); });
  }
  function fillForm(params) {
    var box = $("f-location");
    if (box) box.value = params.get("zip") || params.get("location") || "";
    Array.prototype.forEach.call(form.elements, function (input) {
      if (!input.name || input.name === "location") return;
      if (input.type === "checkbox") {
        input.checked = params.getAll(input.name).map(function (v) { return v.toLowerCase(); })
          .indexOf(input.value.toLowerCase()) >= 0;
      } else if (input.tagName === "SELECT") {
        var value = params.get(input.name);
        if (value === null) { input.selectedIndex = input.name === "radius" ? RADII.indexOf(25) : 0; return; }
        var found = Array.prototype.some.call(input.options, function (o) { return o.value.toLowerCase() === value.toLowerCase(); });
        if (!found) input.appendChild(el("option", { value: value, text: value }));
        Array.prototype.forEach.call(input.options, function (o) { o.selected = o.value.toLowerCase() === value.toLowerCase(); });
      } else if (input.type === "text") {
        input.value = params.get(input.name) || "";
      }
    });
  }

  // ------------------------------------------------------------------ errors
  function clearErrors() {
    Array.prototype.forEach.call(form.querySelectorAll(".field-error"), function (p) { p.textContent = ""; p.hidden = true; });
    Array.prototype.forEach.call(form.querySelectorAll("[aria-invalid]"), function (n) { n.removeAttribute("aria-invalid"); });
    Array.prototype.forEach.call(form.querySelectorAll(".has-error"), function (n) { n.classList.remove("has-error"); });
    if (generalEl) { clear(generalEl); generalEl.hidden = true; }
  }
  function sentence(item) {
    var text = String(item.reason || "is not valid").replace(/\.$/, "");
    text = text.charAt(0).toUpperCase() + text.slice(1);
    return item.allowed ? text + ". Allowed: " + item.allowed : text;
  }
  function showGeneral(lines) {
    if (!generalEl) return;
    clear(generalEl);
    lines.forEach(function (line) { generalEl.appendChild(el("p", { text: line })); });
    generalEl.hidden = false;
  }
  function showProblem(problem, status) {
    var params = (problem && problem.invalid_params) || [];
    var general = [], firstField = null;
    params.forEach(function (item) {
      var field = FIELD_OF_PARAM[item.name] || item.name;
      var errorEl = $("f-" + field + "-error");
      if (SHOWN_FIELDS.indexOf(field) >= 0 && errorEl) {
        errorEl.textContent = sentence(item);
        errorEl.hidden = false;
        var holder = errorEl.closest(".field");
        if (holder) holder.classList.add("has-error");
        var input = $("f-" + field);
        if (input) input.setAttribute("aria-invalid", "true");
        if (!firstField) firstField = input || holder;
      } else {
        general.push(item.name + ": " + sentence(item));
      }
    });
    if (!params.length) {
      general.push(status === 503 || !problem
        ? "The program database is unavailable right now. Please try again in a minute."
        : String(problem.detail || problem.title || "Something went wrong."));
    }
    if (general.length) showGeneral(general);
    statusEl.textContent = firstField ? "Please correct the highlighted field and search again."
      : params.length ? "Please correct the search and try again." : general[0];
    clear(listEl); emptyEl.hidden = true; if (pagerEl) pagerEl.hidden = true;
    if (facetsEl) facetsEl.hidden = true; if (onlineEl) onlineEl.hidden = true; if (seeAllEl) seeAllEl.hidden = true;
    announce(null);
    if (firstField && firstField.focus) firstField.focus();
  }

  // ------------------------------------------------------------------ rendering an answer
  function navLink(params, text, extra) {
    var attrs = { href: SELF + "?" + params.toString(), "data-nav": "" };
    Object.keys(extra || {}).forEach(function (k) { attrs[k] = extra[k]; });
    attrs.text = text;
    return el("a", attrs);
  }

  // the map (map.js, on the page only) draws each answer; null hides it
  function announce(data) {
    if (compact || !window.CustomEvent) return;
    document.dispatchEvent(new CustomEvent("programs-near-you:results", { detail: data }));
  }

  function render(data, params) {
    var where = placeLabel(data.location || {});
    var first = (data.page - 1) * data.per_page + 1;
    var text;
    if (data.total === 0) text = "No programs within " + data.radius + " miles of " + where + ".";
    else {
      text = data.total + (data.total === 1 ? " program" : " programs") + " within " + data.radius + " miles of " + where;
      if (data.total > data.per_page && first <= data.total) {
        text += ", showing " + first + "–" + Math.min(first + data.per_page - 1, data.total);
      } else if (first > data.total) text += "; this page is past the end";
      text += ".";
    }
    statusEl.textContent = text;

    clear(listEl);
    (data.results || []).forEach(function (doc) { listEl.appendChild(card(doc)); });
    listEl.setAttribute("data-rendered-by", "js");

    // empty state: suggest a larger radius; the online section still helps
    clear(emptyEl);
    if (data.total === 0) {
      var bigger = RADII.filter(function (r) { return r > data.radius; })[0];
      var p = el("p", null, ["Try a larger radius"]);
      if (bigger) {
        p.appendChild(document.createTextNode(": "));
        p.appendChild(navLink(withChanges(params, { radius: String(bigger), page: null }),
          "search within " + bigger + " miles", { id: "wider" }));
      }
      p.appendChild(document.createTextNode(", or fewer filters."));
      if (data.online && data.online.total) p.appendChild(document.createTextNode(" The online programs below can be taken from anywhere."));
      emptyEl.appendChild(p);
      emptyEl.hidden = false;
    } else emptyEl.hidden = true;

    if (facetsEl) {
      clear(facetsEl);
      if (data.total) {
        [["credential", "Credential"], ["delivery", "How it is taught"]].forEach(function (pair) {
          var row = el("p", { className: "facet" }, [el("span", { className: "facet-name", text: pair[1] + ":" })]);
          var counts = (data.facets && data.facets[pair[0]]) || {};
          Object.keys(counts).forEach(function (value) {
            if (!counts[value]) return;
            var change = {}; change[pair[0]] = value; change.page = null;
            row.appendChild(navLink(withChanges(params, change), name(pair[0], value) + " (" + counts[value] + ")"));
          });
          facetsEl.appendChild(row);
        });
        var lengthRow = el("p", { className: "facet" }, [el("span", { className: "facet-name", text: "Length:" })]);
        var lengths = (data.facets && data.facets.length) || {};
        (vocab.length_bands || []).forEach(function (band) {
          if (lengths[band.code]) lengthRow.appendChild(el("span", { text: band.name + " (" + lengths[band.code] + ")" }));
        });
        facetsEl.appendChild(lengthRow);
        facetsEl.hidden = false;
      } else facetsEl.hidden = true;
    }

    if (pagerEl) {
      clear(pagerEl);
      var pages = Math.ceil(data.total / data.per_page);
      if (data.total > data.per_page) {
        if (data.page > 1) pagerEl.appendChild(navLink(withChanges(params, { page: String(Math.min(data.page - 1, pages)) }), "Previous", { rel: "prev" }));
        pagerEl.appendChild(el("span", { text: "Page " + data.page + " of " + pages }));
        if (data.page < pages) pagerEl.appendChild(navLink(withChanges(params, { page: String(data.page + 1) }), "Next", { rel: "next" }));
        pagerEl.hidden = false;
      } else pagerEl.hidden = true;
    }

    if (seeAllEl) {
      clear(seeAllEl);
      if (data.total) {
        var full = withChanges(params, { page: null, per_page: null, online_limit: null });
        seeAllEl.appendChild(el("a", { href: PAGE + "?" + full.toString(), target: "_blank", rel: "noopener",
          text: "See all results and filters" }));
        seeAllEl.hidden = false;
      } else seeAllEl.hidden = true;
    }

    announce(data);

    var online = data.online || { enabled: false, total: 0, results: [] };
    clear(onlineListEl);
    if (online.enabled && online.total) {
      onlineStatusEl.textContent = online.total + (online.total === 1 ? " online program matches" : " online programs match") +
        (online.results.length ? "; nearest schools first." : ".");
      var localIds = {};
      (data.results || []).forEach(function (doc) { localIds[doc.id] = true; });
      online.results.forEach(function (doc) { onlineListEl.appendChild(card(doc, localIds[doc.id] === true)); });
      onlineEl.hidden = false;
    } else onlineEl.hidden = true;
    postHeight();
  }

  // ------------------------------------------------------------------ searching
  function search(params, push) {
    var seq = ++current;
    clearErrors();
    if (button) button.setAttribute("aria-busy", "true");
    var apiParams = new URLSearchParams(params.toString());
    Object.keys(DEFAULTS).forEach(function (key) { if (!apiParams.has(key)) apiParams.set(key, DEFAULTS[key]); });
    if (push && !compact) {
      var url = SELF + (params.toString() ? "?" + params.toString() : "");
      if (url !== location.pathname + location.search) history.pushState({ search: params.toString() }, "", url);
    }
    return fetch(API + "?" + apiParams.toString(), { headers: { Accept: "application/json" } })
      .then(function (resp) {
        return resp.json().catch(function () { return null; }).then(function (data) {
          if (seq !== current) return;
          if (resp.ok && data) render(data, params);
          else showProblem(data, resp.status);
        });
      }, function () {
        if (seq !== current) return;
        showProblem({ detail: "Could not reach the server. Check your connection and try again." }, 0);
      })
      .then(function () {
        if (seq === current && button) button.removeAttribute("aria-busy");
        postHeight();
      });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var params = paramsFromForm();
    if (!hasLocation(params)) {
      showProblem({ invalid_params: [{ name: "location", reason: "Enter a ZIP code or a city and state",
        allowed: "e.g. 60601 or Chicago, IL" }] }, 400);
      return;
    }
    search(params, true);
  });

  // pager, facet and "larger radius" links: same page, new search
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-nav]") : null;
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    var params = new URLSearchParams(link.search);
    fillForm(params);
    search(params, true).then(function () { if (resultsEl && resultsEl.focus) resultsEl.focus(); });
  });

  if (!compact) {
    window.addEventListener("popstate", function () {
      var params = new URLSearchParams(location.search);
      fillForm(params);
      if (hasLocation(params)) search(params, false);
      else {
        clear(listEl); statusEl.textContent = ""; emptyEl.hidden = true; if (onlineEl) onlineEl.hidden = true;
        announce(null);
      }
    });
  }

  // ------------------------------------------------------------------ the widget tells its host page its height
  function postHeight() {
    if (!compact || window.parent === window) return;
    // the body's own height: the document's scrollHeight never shrinks below the frame's current height
    var height = Math.ceil(document.body.getBoundingClientRect().height);
    window.parent.postMessage({ type: "programs-near-you:height", height: height }, "*");
  }
  if (compact) {
    window.addEventListener("load", postHeight);
    window.addEventListener("resize", postHeight);
    if (window.ResizeObserver) new ResizeObserver(postHeight).observe(document.body);
    postHeight();
  }

  // a shared URL that the server did not render (e.g. a cached copy): search now
  var initial = new URLSearchParams(location.search);
  if (resultsEl && resultsEl.getAttribute("data-ssr") !== "1" && hasLocation(initial) && !form.querySelector("[aria-invalid]")) {
    search(initial, false);
  }
  document.documentElement.classList.add("js");
})();
