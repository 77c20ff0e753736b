// Mosaic: small improvements on pages that already work without JavaScript.
(function () {
  "use strict";
  // Sort and page size apply as soon as they change; the Apply button is then not needed.
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { if (select.form) { select.form.submit(); } });
  });
  document.querySelectorAll("[data-autosubmit-button]").forEach(function (button) { button.hidden = true; });
  // Print buttons only exist where printing can be started from the page.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
