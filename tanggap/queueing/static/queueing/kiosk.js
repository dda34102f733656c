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

  var supported =
    "BarcodeDetector" in window && navigator.mediaDevices && navigator.mediaDevices.getUserMedia;
  if (!supported) {
    return;
  }
  start.hidden = false;
  var stream = null;
  var timer = null;
  var detector = null;

  function stop() {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    if (stream) {
      stream.getTracks().forEach(function (track) {
        track.stop();
      });
      stream = null;
    }
    video.srcObject = null;
    box.hidden = true;
    start.hidden = false;
  }

  // The QR carries the ticket page's address (…/antrean/tiket/CODE/); a bare code is accepted too.
  function codeFrom(text) {
    var match = /\/tiket\/([A-Za-z0-9]{8})\/?/.exec(text || "");
    if (match) {
      return match[1].toUpperCase();
    }
    var bare = (text || "").replace(/[\s-]/g, "").toUpperCase();
    return /^[A-Z0-9]{8}$/.test(bare) ? bare : null;
  }

  function scan() {
    if (!stream) {
      return;
    }
    detector
      .detect(video)
      .then(function (codes) {
        for (var i = 0; i < codes.length; i++) {
          var code = codeFrom(codes[i].rawValue);
          if (code) {
            stop();
            input.value = code;
            status.textContent = status.getAttribute("data-found");
            if (form.requestSubmit) {
              form.requestSubmit();
            } else {
              form.submit();
            }
            return;
          }
        }
        timer = setTimeout(scan, 250);
      })
      .catch(function () {
        timer = setTimeout(scan, 500);
      });
  }

  start.addEventListener("click", function () {
    try {
      detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    } catch (error) {
      status.textContent = status.getAttribute("data-failed");
      return;
    }
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (media) {
        stream = media;
        video.srcObject = media;
        box.hidden = false;
        start.hidden = true;
        status.textContent = status.getAttribute("data-looking");
        return video.play();
      })
      .then(scan)
      .catch(function () {
        stop();
        status.textContent = status.getAttribute("data-failed");
        input.focus();
      });
  });
  stopButton.addEventListener("click", stop);
})();
