// The kiosk's check-in: read the booking QR with the tablet's camera through the browser's
// BarcodeDetector API where it exists; elsewhere the citizen types the 8-character code.
(function () {
  "use strict";
  var form = document.getElementById("checkin-form");
  var start = document.getElementById("scan-start");
  if (!form || !start) {
    return;
  }
  var box = document.getElementById("scan-box");
  var video = document.getElementById("scan-video");
  var stopButton = document.getElementById("scan-stop");
  var status = document.getElementById("scan-status");
  var input = form.querySelector("input[name=code]");

  // A handheld QR scanner types like a keyboard (the ticket's address, then Enter): when nothing
  // has the focus, its keystrokes go to the code box, which accepts the whole address.
  document.addEventListener("keydown", function (event) {
    var active = document.activeElement;
    if (active && active !== document.body) {
      return;
    }
    if (event.key && event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      input.focus();
    }
  });

  if (!window.TanggapQr || !window.TanggapQr.supported()) {
    return;
  }
  start.hidden = false;
  var scan = null;

  // The QR carries the ticket page's address (…/antrean/tiket/CODE/); a bare code is accepted too.
  function codeFrom(text) {
    var match = /\/tiket\/([A-Za-z0-9]{8})\/?/.exec(text || "");
    if (match) {
      return match[1].toUpperCase();
    }
    var bare = (text || "").replace(/[\s-]/g, "").toUpperCase();
    return /^[A-Z0-9]{8}$/.test(bare) ? bare : null;
  }

  function stop() {
    if (scan) {
      scan.stop();
      scan = null;
    }
  }

  // The camera scan (core/qrscan.js: the browser's BarcodeDetector or the vendored decoder).
  start.addEventListener("click", function () {
    stop();
    status.textContent = status.getAttribute("data-looking");
    scan = window.TanggapQr.start({
      video: video,
      decoderUrl: start.getAttribute("data-decoder"),
      accept: codeFrom,
      started: function () {
        box.hidden = false;
        start.hidden = true;
      },
      stopped: function () {
        box.hidden = true;
        start.hidden = false;
      },
      found: function (code) {
        input.value = code;
        status.textContent = status.getAttribute("data-found");
        if (form.requestSubmit) {
          form.requestSubmit();
        } else {
          form.submit();
        }
      },
      failed: function () {
        status.textContent = status.getAttribute("data-failed");
        input.focus();
      },
    });
  });
  stopButton.addEventListener("click", stop);
})();
