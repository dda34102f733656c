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

  // The camera scan (core/qrscan.js: the browser's BarcodeDetector or the vendored decoder). Without a camera
  // API the button stays hidden and the typed code is the way in.
  var scanWrap = document.getElementById("scan-wrap");
  var scanButton = document.getElementById("scan-start");
  var video = document.getElementById("scan-video");
  if (!scanWrap || !scanButton || !video || !window.TanggapQr || !window.TanggapQr.supported()) {
    return;
  }
  scanWrap.hidden = false;
  var scan = null;

  scanButton.addEventListener("click", function () {
    if (scan) {
      scan.stop();
    }
    say(form.dataset.scanLooking);
    scan = window.TanggapQr.start({
      video: video,
      decoderUrl: form.dataset.decoder,
      started: function () {
        video.hidden = false;
      },
      stopped: function () {
        video.hidden = true;
      },
      found: function (text) {
        form.querySelector('input[name="code"]').value = text;
        setField("method", "qr");
        say(form.dataset.scanFound);
        form.submit();
      },
      failed: function () {
        say(form.dataset.scanNone);
      },
    });
  });
})();
