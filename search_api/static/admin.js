// The operator page: reads and changes runs and schedules through the admin API with a bearer token.
// Every value from the server is put into the page as text (textContent), never as HTML.
// While a run is queued or running the page reloads the runs every few seconds (its counts grow).
(function () {
  "use strict";
  var KEY = "programs-admin-token";
  var POLL_MS = 3000;
  var tokenInput = document.getElementById("admin-token");
  var statusLine = document.getElementById("admin-status");
  var errorLine = document.getElementById("admin-error");
  var cronError = document.getElementById("schedule-cron-error");
  var cronInput = document.getElementById("schedule-cron");
  var pollTimer = null;

  function token() { return sessionStorage.getItem(KEY) || ""; }

  function say(text) { statusLine.textContent = text; }

  function fail(text) {
    errorLine.textContent = text;
    errorLine.hidden = !text;
  }

  function api(method, path, body) {
    var opts = { method: method, headers: { "Authorization": "Bearer " + token(), "Accept": "application/json" } };
    if (body) { opts.headers["Content-Type"] = "application/json"; opts.body = JSON.stringify(body); }
    return fetch(path, opts).then(function (resp) {
      if (resp.status === 204) { return null; }
      return resp.json().then(function (data) {
        if (!resp.ok) {
          var err = new Error((data && (data.detail || data.title)) || ("HTTP " + resp.status));
          err.status = resp.status;
          throw err;
        }
        return data;
      });
    });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function when(iso) {
    if (!iso) { return "–"; }
    return iso.replace("T", " ").replace("Z", " UTC");
  }

  function seconds(iso) { return iso ? Date.parse(iso) / 1000 : NaN; }

  function span(total) {
    if (!(total >= 0)) { return "–"; }
    total = Math.round(total);
    var h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), s = total % 60;
    if (h) { return h + " h " + m + " min"; }
    if (m) { return m + " min " + s + " s"; }
    return s + " s";
  }

  function count(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  function live(run) { return run.status === "running" || run.status === "queued"; }

  function duration(run) {
    if (live(run)) { return "for " + span(Date.now() / 1000 - seconds(run.started_at)) + " so far"; }
    return span(seconds(run.finished_at) - seconds(run.started_at));
  }

  function fact(dl, name, value) {
    var div = el("div");
    div.appendChild(el("dt", null, name));
    div.appendChild(el("dd", null, value));
    dl.appendChild(div);
  }

  function renderRuns(runs) {
    var list = document.getElementById("runs");
    list.textContent = "";
    runs.forEach(function (r) {
      var li = el("li", "card run run-" + r.status);
      li.id = "run-" + r.id;
      var head = el("div", "run-head");
      head.appendChild(el("h3", null, r.source));
      head.appendChild(el("span", "badge badge-" + r.status, r.status));
      head.appendChild(el("span", "run-id", "run " + r.id + " · " + r.trigger));
      li.appendChild(head);
      var dl = el("dl", "facts");
      fact(dl, "Started", when(r.started_at));
      fact(dl, "Duration", duration(r));
      fact(dl, "Pages", r.pages_fetched);
      fact(dl, "Items", r.items_scraped);
      fact(dl, "New", r.items_new);
      fact(dl, "Updated", r.items_updated);
      fact(dl, "Removed", r.items_removed);
      fact(dl, "Dropped", r.items_dropped);
      fact(dl, "Errors", r.errors);
      li.appendChild(dl);
      if (live(r)) {
        li.appendChild(el("p", "run-reason run-progress", r.status === "queued"
          ? "Waiting to start."
          : "In progress: " + count(r.pages_fetched, "page") + ", " + count(r.items_scraped, "item") + " so far."));
      } else if (r.finish_reason && r.status !== "complete") {
        li.appendChild(el("p", "run-reason", "Why: " + r.finish_reason));
      }
      list.appendChild(li);
    });
    document.getElementById("runs-empty").hidden = runs.length > 0;
    var running = runs.some(live);
    document.getElementById("runs-live").hidden = !running;
    return running;
  }

  function removeSchedule(s) {
    var question = "Remove the schedule " + s.id + " (" + s.description + ")? Its crawls will no longer run.";
    if (!window.confirm(question)) { say("Nothing removed."); return; }
    api("DELETE", "/api/v1/admin/schedules/" + encodeURIComponent(s.id))
      .then(function () { say("Removed schedule " + s.id + "."); load(); })
      .catch(function (e) { fail(e.message); });
  }

  function renderSchedules(schedules) {
    var list = document.getElementById("schedules");
    list.textContent = "";
    schedules.forEach(function (s) {
      var li = el("li", "card schedule");
      li.id = "schedule-" + s.id;
      var head = el("div", "schedule-head");
      head.appendChild(el("h3", null, s.source));
      head.appendChild(el("code", null, s.cron));
      li.appendChild(head);
      var dl = el("dl", "facts");
      fact(dl, "When", s.description);
      fact(dl, "Next", when(s.next_fire_at));
      fact(dl, "Last fired", s.last_fired_at ? when(s.last_fired_at) : "never");
      fact(dl, "Id", s.id);
      li.appendChild(dl);
      var actions = el("p", "card-actions");
      var button = el("button", null, "Remove");
      button.type = "button";
      button.setAttribute("aria-label", "Remove the " + s.source + " schedule " + s.cron);
      button.addEventListener("click", function () { removeSchedule(s); });
      actions.appendChild(button);
      li.appendChild(actions);
      list.appendChild(li);
    });
    document.getElementById("schedules-empty").hidden = schedules.length > 0;
  }

  function schedulePoll(running) {
    if (pollTimer) { clearTimeout(pollTimer); pollTimer = null; }
    if (running) { pollTimer = setTimeout(function () { load(true); }, POLL_MS); }
  }

  function load(quiet) {
    if (!token()) { return; }
    Promise.all([api("GET", "/api/v1/admin/runs?limit=50"), api("GET", "/api/v1/admin/schedules")])
      .then(function (res) {
        var running = renderRuns(res[0]);
        renderSchedules(res[1]);
        document.getElementById("runs-section").hidden = false;
        document.getElementById("schedules-section").hidden = false;
        if (!quiet) { fail(""); }
        schedulePoll(running);
      })
      .catch(function (e) {
        fail(e.status === 401 ? "The token was not accepted: " + e.message : e.message);
        schedulePoll(false);
      });
  }

  document.getElementById("token-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    sessionStorage.setItem(KEY, tokenInput.value);
    tokenInput.value = "";
    say("");
    load();
  });
  document.getElementById("start-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var source = document.getElementById("start-source").value;
    fail("");
    api("POST", "/api/v1/admin/runs", { source: source })
      .then(function (run) { say("Started run " + run.id + " of " + run.source + "."); load(); })
      .catch(function (e) { fail(e.message); load(true); });
  });
  document.getElementById("schedule-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var body = { source: document.getElementById("schedule-source").value, cron: cronInput.value };
    cronError.hidden = true;
    cronInput.removeAttribute("aria-invalid");
    fail("");
    api("POST", "/api/v1/admin/schedules", body)
      .then(function (s) { say("Added schedule " + s.id + ": " + s.description + "."); cronInput.value = ""; load(); })
      .catch(function (e) {
        cronError.textContent = e.message;
        cronError.hidden = false;
        cronInput.setAttribute("aria-invalid", "true");
        cronInput.focus();
      });
  });
  load();
}());
