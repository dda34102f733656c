// The counter screen: count down the no-show grace period and enable the button when it has passed.
// The server refuses an early no-show anyway; this only saves the officer a refused click.
(function () {
  "use strict";
  function tick() {
    var note = document.getElementById("no-show-wait");
    var button = document.getElementById("no-show");
    if (!note || !button) {
      return;
    }
    // Count from the server's "seconds left" (the tablet's clock may be wrong), once per new panel.
    if (!note.hasAttribute("data-deadline")) {
      var left = parseInt(note.getAttribute("data-seconds-left"), 10) || 0;
      note.setAttribute("data-deadline", String(Date.now() + left * 1000));
    }
    var seconds = Math.ceil((parseInt(note.getAttribute("data-deadline"), 10) - Date.now()) / 1000);
    if (seconds <= 0) {
      button.disabled = false;
      note.hidden = true;
      return;
    }
    var text = note.getAttribute("data-template") || "";
    note.textContent = text
      .replace("{m}", String(Math.floor(seconds / 60)))
      .replace("{s}", String(seconds % 60));
  }
  setInterval(tick, 1000);
  document.addEventListener("htmx:afterSettle", tick);
  tick();
})();
