/* The program page: a print button (the page prints without it too) and select-on-focus for
 * the share link. */
(function () {
  "use strict";
  var button = document.getElementById("print-button");
  if (button && window.print) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  }
  var share = document.getElementById("share-url");
  if (share) share.addEventListener("focus", function () { share.select(); });
})();
