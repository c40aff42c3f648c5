/* Case-title autocomplete for the search box: an ARIA 1.2 combobox with a
   listbox popup. Arrow keys move, Enter opens the chosen case, Escape closes. */
(function () {
  "use strict";
  function init(box) {
    var input = box.querySelector("input[role=combobox]");
    var list = box.querySelector("[role=listbox]");
    var status = document.getElementById(input.id + "-status");
    var url = box.getAttribute("data-autocomplete-url");
    var lang = document.documentElement.lang || "sv";
    var items = [], active = -1, timer = null, controller = null;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function highlight(index) {
      var options = list.querySelectorAll("[role=option]");
      options.forEach(function (el, i) { el.setAttribute("aria-selected", i === index ? "true" : "false"); });
      active = index;
      if (index >= 0) { input.setAttribute("aria-activedescendant", options[index].id); }
      else { input.removeAttribute("aria-activedescendant"); }
    }
    function render(results) {
      items = results;
      list.textContent = "";
      results.forEach(function (result, i) {
        var li = document.createElement("li");
        li.id = input.id + "-option-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.textContent = result.title;
        li.addEventListener("mousedown", function (event) { event.preventDefault(); window.location.href = result.url; });
        list.appendChild(li);
      });
      if (results.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      } else {
        close();
      }
      if (status) {
        var template = box.getAttribute("data-status-template") || "%(count)s";
        status.textContent = results.length ? template.replace("%(count)s", results.length) : "";
      }
    }
    function fetchSuggestions() {
      var q = input.value.trim();
      if (q.length < 2) { render([]); return; }
      if (controller) { controller.abort(); }
      controller = new AbortController();
      fetch(url + "?lang=" + encodeURIComponent(lang) + "&q=" + encodeURIComponent(q),
            { signal: controller.signal, headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { render(data.results || []); })
        .catch(function () { /* aborted or offline: keep the plain search box */ });
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") {
        if (list.hidden && items.length) { list.hidden = false; input.setAttribute("aria-expanded", "true"); }
        if (items.length) { highlight((active + 1) % items.length); event.preventDefault(); }
      } else if (event.key === "ArrowUp") {
        if (items.length) { highlight(active <= 0 ? items.length - 1 : active - 1); event.preventDefault(); }
      } else if (event.key === "Enter" && active >= 0 && !list.hidden) {
        event.preventDefault();
        window.location.href = items[active].url;
      } else if (event.key === "Escape") {
        if (!list.hidden) { event.preventDefault(); close(); }
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".combobox[data-autocomplete-url]").forEach(init);
  });
})();
