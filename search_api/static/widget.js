/* Programs Near You widget loader. A publisher pastes one line:
 *
 *   <script src="https://HOST/widget.js" data-zip="60601" data-credential="certificate" async></script>
 *
 * and this inserts, right after that script tag, an iframe showing HOST/embed
 * with the same search. data-* attributes become query parameters (zip, location,
 * radius, credential, delivery, max-months, certification, accreditation, q,
 * per-page; each passed on as one value, so data-location="Anchorage, AK" works and list
 * parameters may be comma-separated, e.g. data-credential="certificate,associate");
 * data-height fixes the height,
 * otherwise the frame grows to fit (the embed page posts its height).
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) {
    var all = document.querySelectorAll('script[src*="widget.js"]:not([data-pny-done])');
    script = all[all.length - 1];
  }
  if (!script || script.getAttribute("data-pny-done")) return;
  script.setAttribute("data-pny-done", "1");

  var origin;
  try { origin = new URL(script.src, document.baseURI).origin; } catch (e) { return; }
  var NAMES = ["zip", "location", "lat", "lon", "radius", "credential", "delivery", "max_months",
               "certification", "accreditation", "max_tuition", "q", "sort", "per_page", "online", "online_limit"];
  var params = new URLSearchParams();
  NAMES.forEach(function (name) {
    var value = script.getAttribute("data-" + name.replace(/_/g, "-"));
    if (value === null) value = script.getAttribute("data-" + name);
    if (value === null || !String(value).trim()) return;
    // passed on whole: the API splits list parameters on commas itself, and a place
    // such as "Anchorage, AK" must stay one value
    params.append(name, String(value).trim());
  });

  var frame = document.createElement("iframe");
  frame.src = origin + "/embed" + (params.toString() ? "?" + params.toString() : "");
  frame.title = script.getAttribute("data-title") || "Medical billing and coding programs near you";
  frame.loading = "lazy";
  frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
  frame.className = "programs-near-you-widget";
  var fixed = parseInt(script.getAttribute("data-height") || "", 10);
  frame.style.cssText = "display:block;width:100%;max-width:100%;border:0;overflow:hidden;height:" +
    (fixed > 0 ? fixed : 520) + "px";
  script.parentNode.insertBefore(frame, script.nextSibling);

  if (!(fixed > 0)) {
    window.addEventListener("message", function (event) {
      if (event.origin !== origin || event.source !== frame.contentWindow) return;
      var data = event.data;
      if (!data || data.type !== "programs-near-you:height") return;
      var height = Math.max(150, Math.min(5000, Math.ceil(Number(data.height) || 0)));
      frame.style.height = height + "px";
    });
  }
})();
