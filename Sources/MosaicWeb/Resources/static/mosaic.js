// Mosaic: small improvements on pages that already work without JavaScript.
(function () {
  "use strict";
  // Sort and page size apply with their button, not on change: a keyboard user steps through the
  // options with the arrow keys without the page reloading (WCAG 3.2.2).
  // Print buttons only exist where printing can be started from the page.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
