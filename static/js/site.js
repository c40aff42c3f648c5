// Error summary (templates/components/error_summary.html): after a failed
// submit focus moves to it; each of its links focuses its field, with the
// field's label (a group's legend) scrolled into view above it.
(function () {
  const summary = document.querySelector("[data-error-summary]");
  if (!summary) return;
  summary.focus();
  summary.addEventListener("click", function (event) {
    const link = event.target.closest("a[href^='#']");
    if (!link) return;
    const field = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!field) return;
    event.preventDefault();
    const choice = field.type === "radio" || field.type === "checkbox";
    const group = choice && field.closest("fieldset");
    const label =
      (group && group.querySelector("legend")) ||
      document.querySelector("label[for='" + CSS.escape(field.id) + "']");
    (label || field).scrollIntoView();
    field.focus({ preventScroll: true });
  });
})();
