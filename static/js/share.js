/* Share: "Copy link" copies the page address; shown only where the clipboard API exists. */
(function () {
  "use strict";
  if (!navigator.clipboard || !navigator.clipboard.writeText) return;
  document.querySelectorAll("[data-share-copy]").forEach(function (button) {
    var container = button.closest(".share");
    var status = container && container.querySelector("[data-share-status]");
    var item = button.closest("[data-share-copy-item]");
    if (item) item.hidden = false;
    button.addEventListener("click", function () {
      var say = function (name) {
        if (!status) return;
        status.textContent = "";
        window.setTimeout(function () { status.textContent = button.getAttribute(name); }, 50);
      };
      navigator.clipboard.writeText(button.getAttribute("data-url") || window.location.href).then(
        function () { say("data-msg-copied"); },
        function () { say("data-msg-failed"); }
      );
    });
  });
})();
