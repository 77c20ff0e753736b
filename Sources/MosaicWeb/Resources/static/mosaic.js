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

  // After a form comes back with problems, the keyboard starts at their list (each links to its field).
  var problems = document.querySelector(".form-error[role=alert]");
  if (problems) {
    problems.setAttribute("tabindex", "-1");
    problems.focus();
  }

  // On a narrow screen the filters panel starts folded (without this script it stays open), and the page
  // goes back to the place its address names (the results, after a filter or page change).
  var panel = document.querySelector(".filters-panel");
  if (panel && window.matchMedia("(max-width: 59.99rem)").matches) {
    panel.open = false;
    // The link above the results unfolds the filters it leads to.
    document.querySelectorAll("a[href='#filters']").forEach(function (link) {
      link.addEventListener("click", function () { panel.open = true; });
    });
    var target = window.location.hash && document.getElementById(window.location.hash.slice(1));
    if (target) { target.scrollIntoView(); }
  }

  // Suggestions while typing in a search box: the ARIA combobox pattern with a list box. Without this
  // script the box is a plain search field, and the form works as before.
  document.querySelectorAll("input[data-suggest]").forEach(function (input) {
    var address = input.getAttribute("data-suggest");
    var list = document.createElement("ul");
    list.id = input.id + "-suggestions";
    list.className = "suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-labelledby", input.id + "-label");
    list.hidden = true;
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    input.parentNode.appendChild(list);
    input.form.appendChild(status);
    var label = input.form.querySelector("label[for='" + input.id + "']");
    if (label) { label.id = input.id + "-label"; }
    var hint = document.getElementById(input.id + "-hint");
    if (hint) { hint.hidden = false; input.setAttribute("aria-describedby", hint.id); }
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);

    var items = [], active = -1, timer = null, request = null;

    function open(isOpen) {
      list.hidden = !isOpen;
      input.setAttribute("aria-expanded", isOpen ? "true" : "false");
      if (!isOpen) { select(-1); }
    }
    function select(index) {
      active = index;
      Array.prototype.forEach.call(list.children, function (option, position) {
        option.setAttribute("aria-selected", position === index ? "true" : "false");
      });
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", list.children[index].id);
        list.children[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }
    function show(answer) {
      list.textContent = "";
      items = answer.suggestions;
      items.forEach(function (suggestion, index) {
        var option = document.createElement("li");
        option.id = list.id + "-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        var name = document.createElement("span");
        name.textContent = suggestion.label;
        var kind = document.createElement("span");
        kind.className = "suggestion-kind";
        kind.textContent = " · " + suggestion.kind_label;
        option.appendChild(name);
        option.appendChild(kind);
        // Chosen with the pointer: mousedown comes before the box loses focus.
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          window.location.href = suggestion.url;
        });
        list.appendChild(option);
      });
      status.textContent = answer.announcement;
      open(items.length > 0);
    }
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      var text = input.value;
      if (text.trim().length < 2) { items = []; open(false); return; }
      timer = window.setTimeout(function () {
        if (request) { request.abort(); }
        request = new AbortController();
        fetch(address + "?q=" + encodeURIComponent(text), { signal: request.signal, headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : null; })
          .then(function (answer) { if (answer && input.value === text) { show(answer); } })
          .catch(function () { /* no suggestions: the search still works */ });
      }, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!items.length) { return; }
        event.preventDefault();
        if (list.hidden) { open(true); }
        // Down from the last option, or up from the first, comes back to the text.
        var next = active + (event.key === "ArrowDown" ? 1 : -1);
        if (next >= items.length) { next = -1; } else if (next < -1) { next = items.length - 1; }
        select(next);
      } else if (event.key === "Enter" && !list.hidden && active >= 0) {
        event.preventDefault();
        window.location.href = items[active].url;
      } else if (event.key === "Escape" && !list.hidden) {
        event.preventDefault();
        open(false);
      }
    });
    input.addEventListener("blur", function () { window.setTimeout(function () { open(false); }, 150); });
  });
})();
