// Kerja Saya: check in with the phone's position, or scan the office's QR code with the camera where the
// browser has a BarcodeDetector. A static file: the content security policy forbids inline scripts.
// Without this script the typed code still works and the position button gets the server's message.
(function () {
  "use strict";

  var form = document.getElementById("checkin-form");
  if (!form) {
    return;
  }
  var status = document.getElementById("checkin-status");

  function say(text) {
    if (status) {
      status.textContent = text;
    }
  }

  function setField(name, value) {
    var input = form.querySelector('input[name="' + name + '"]');
    if (!input) {
      input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      form.appendChild(input);
    }
    input.value = value;
  }

  // The position: asked only when the button is pressed, then posted; the server decides.
  form.addEventListener("submit", function (event) {
    var button = event.submitter;
    if (!button || !button.hasAttribute("data-geo") || form.dataset.ready === "1") {
      return;
    }
    event.preventDefault();
    if (!navigator.geolocation) {
      say(form.dataset.geoDenied);
      return;
    }
    say(form.dataset.geoWait);
    navigator.geolocation.getCurrentPosition(
      function (position) {
        setField("latitude", position.coords.latitude);
        setField("longitude", position.coords.longitude);
        setField("accuracy", position.coords.accuracy);
        setField("method", "geo");
        form.dataset.ready = "1";
        form.submit();
      },
      function () {
        say(form.dataset.geoDenied);
      },
      { enableHighAccuracy: true, timeout: 20000, maximumAge: 0 }
    );
  });

  // The camera scan: only where the browser can read QR codes itself (no library is loaded). The button
  // sits in a hidden span: `.btn` sets its own display, which would override a `hidden` on the button.
  var scanWrap = document.getElementById("scan-wrap");
  var scanButton = document.getElementById("scan-start");
  var video = document.getElementById("scan-video");
  if (!scanWrap || !scanButton || !video || !("BarcodeDetector" in window) || !navigator.mediaDevices) {
    return;
  }
  scanWrap.hidden = false;
  var stream = null;

  function stop() {
    if (stream) {
      stream.getTracks().forEach(function (track) {
        track.stop();
      });
      stream = null;
    }
    video.hidden = true;
  }

  scanButton.addEventListener("click", function () {
    var detector;
    try {
      detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    } catch (error) {
      say(form.dataset.scanNone);
      return;
    }
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (media) {
        stream = media;
        video.srcObject = media;
        video.hidden = false;
        return video.play();
      })
      .then(function () {
        function look() {
          if (!stream) {
            return;
          }
          detector
            .detect(video)
            .then(function (found) {
              if (found.length && found[0].rawValue) {
                var code = form.querySelector('input[name="code"]');
                code.value = found[0].rawValue;
                stop();
                setField("method", "qr");
                form.submit();
              } else {
                window.setTimeout(look, 300);
              }
            })
            .catch(function () {
              window.setTimeout(look, 500);
            });
        }
        look();
      })
      .catch(function () {
        stop();
        say(form.dataset.scanNone);
      });
  });
})();
