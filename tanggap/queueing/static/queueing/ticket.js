// The citizen's ticket page and the printable ticket. A static file: the content security policy
// forbids inline scripts and handlers.
(function () {
  "use strict";

  // Print buttons, and printing at once when the kiosk opens the printable ticket.
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) {
      window.print();
    }
  });
  var body = document.body;
  if (body.hasAttribute("data-autoprint")) {
    var back = body.getAttribute("data-return");
    if (back) {
      window.addEventListener("afterprint", function () {
        window.location.href = back;
      });
    }
    window.addEventListener("load", function () {
      window.print();
    });
  }

  // When htmx brings the news that the ticket is called: vibrate the phone and mark the tab title.
  var baseTitle = document.title;
  var last = null;
  function check() {
    var live = document.getElementById("ticket-live");
    if (!live) {
      return;
    }
    var status = live.getAttribute("data-status");
    if (last !== null && status !== last && status === "called" && navigator.vibrate) {
      navigator.vibrate([300, 150, 300, 150, 300]);
    }
    document.title = status === "called" ? "\uD83D\uDD14 " + baseTitle : baseTitle;
    last = status;
  }
  document.addEventListener("htmx:afterSettle", check);
  check();
})();
