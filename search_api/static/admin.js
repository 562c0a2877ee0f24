// The operator page: reads and changes runs and schedules through the admin API with a bearer token.
// Every value from the server is put into the page as text (textContent), never as HTML.
(function () {
  "use strict";
  var KEY = "programs-admin-token";
  var tokenInput = document.getElementById("admin-token");
  var status = document.getElementById("admin-status");

  function token() { return sessionStorage.getItem(KEY) || ""; }

  function say(text) { status.textContent = text; }

  function api(method, path, body) {
    var opts = { method: method, headers: { "Authorization": "Bearer " + token(), "Accept": "application/json" } };
    if (body) { opts.headers["Content-Type"] = "application/json"; opts.body = JSON.stringify(body); }
    return fetch(path, opts).then(function (resp) {
      if (resp.status === 204) { return null; }
      return resp.json().then(function (data) {
        if (!resp.ok) { throw new Error((data && (data.detail || data.title)) || ("HTTP " + resp.status)); }
        return data;
      });
    });
  }

  function cell(row, text) {
    var td = document.createElement("td");
    td.textContent = text === null || text === undefined ? "" : String(text);
    row.appendChild(td);
    return td;
  }

  function renderRuns(runs) {
    var body = document.querySelector("#runs tbody");
    body.textContent = "";
    runs.forEach(function (r) {
      var tr = document.createElement("tr");
      [r.id, r.source, r.trigger, r.status, r.started_at, r.finished_at, r.pages_fetched, r.items_new,
       r.items_updated, r.items_removed, r.items_dropped, r.errors, r.finish_reason].forEach(function (v) { cell(tr, v); });
      tr.className = "run-" + r.status;
      body.appendChild(tr);
    });
  }

  function renderSchedules(schedules) {
    var body = document.querySelector("#schedules tbody");
    body.textContent = "";
    schedules.forEach(function (s) {
      var tr = document.createElement("tr");
      [s.id, s.source, s.cron, s.next_fire_at, s.last_fired_at || "never"].forEach(function (v) { cell(tr, v); });
      var td = cell(tr, "");
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = "Remove";
      button.setAttribute("aria-label", "Remove schedule " + s.id);
      button.addEventListener("click", function () {
        api("DELETE", "/api/v1/admin/schedules/" + encodeURIComponent(s.id)).then(load).catch(function (e) { say(e.message); });
      });
      td.appendChild(button);
      body.appendChild(tr);
    });
  }

  function load() {
    if (!token()) { return; }
    Promise.all([api("GET", "/api/v1/admin/runs?limit=50"), api("GET", "/api/v1/admin/schedules")])
      .then(function (res) {
        renderRuns(res[0]);
        renderSchedules(res[1]);
        document.getElementById("runs-section").hidden = false;
        document.getElementById("schedules-section").hidden = false;
        say(res[0].length + " runs, " + res[1].length + " schedules");
      })
      .catch(function (e) { say(e.message); });
  }

  document.getElementById("token-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    sessionStorage.setItem(KEY, tokenInput.value);
    tokenInput.value = "";
    load();
  });
  document.getElementById("start-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var source = document.getElementById("start-source").value;
    api("POST", "/api/v1/admin/runs", { source: source })
      .then(function (run) { say("started run " + run.id + " of " + run.source); load(); })
      .catch(function (e) { say(e.message); });
  });
  document.getElementById("schedule-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var body = { source: document.getElementById("schedule-source").value,
                 cron: document.getElementById("schedule-cron").value };
    api("POST", "/api/v1/admin/schedules", body)
      .then(function (s) { say("added schedule " + s.id + ": " + s.description); load(); })
      .catch(function (e) { say(e.message); });
  });
  load();
}());
