// Reads a QR code from the device's camera: with the browser's own BarcodeDetector where it has one, else
// with the vendored jsQR decoder (static/vendor/jsqr), loaded on the first scan only. Shared by Kerja Saya's
// check-in and the queue kiosk: window.TanggapQr.start({...}) opens the camera and calls `found` with the
// first decoded text that `accept` turns into a value, or `failed` when the camera cannot be opened.
(function () {
  "use strict";

  var decoder = null; // a promise of the jsQR function, shared by every scan on the page

  function loadDecoder(url) {
    if (window.jsQR) {
      return Promise.resolve(window.jsQR);
    }
    if (!decoder) {
      decoder = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = url;
        script.async = true;
        script.onload = function () {
          if (window.jsQR) {
            resolve(window.jsQR);
          } else {
            reject(new Error("jsQR missing"));
          }
        };
        script.onerror = function () {
          decoder = null;
          reject(new Error("jsQR not loaded"));
        };
        document.head.appendChild(script);
      });
    }
    return decoder;
  }

  function supported() {
    return !!(navigator.mediaDevices && navigator.mediaDevices.getUserMedia && window.Promise);
  }

  // A function that reads the video's current frame and resolves to the texts of the QR codes in it.
  function reader(video, decoderUrl) {
    if ("BarcodeDetector" in window) {
      try {
        var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
        return Promise.resolve(function () {
          return detector.detect(video).then(function (codes) {
            return codes.map(function (code) {
              return code.rawValue;
            });
          });
        });
      } catch (error) {
        // No QR support in this BarcodeDetector: fall through to jsQR.
      }
    }
    return loadDecoder(decoderUrl).then(function (jsQR) {
      var canvas = document.createElement("canvas");
      var context = canvas.getContext("2d", { willReadFrequently: true });
      return function () {
        var width = video.videoWidth;
        var height = video.videoHeight;
        if (!width || !height) {
          return Promise.resolve([]);
        }
        var scale = Math.min(1, 640 / Math.max(width, height)); // enough for a QR on a screen, cheap on old phones
        canvas.width = Math.round(width * scale);
        canvas.height = Math.round(height * scale);
        context.drawImage(video, 0, 0, canvas.width, canvas.height);
        var image = context.getImageData(0, 0, canvas.width, canvas.height);
        var code = jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" });
        return Promise.resolve(code && code.data ? [code.data] : []);
      };
    });
  }

  function start(options) {
    var video = options.video;
    var stream = null;
    var timer = null;
    var stopped = false;
    var read = null;

    function stop() {
      stopped = true;
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
      if (options.stopped) {
        options.stopped();
      }
    }

    function look() {
      if (stopped) {
        return;
      }
      read()
        .then(function (texts) {
          for (var i = 0; i < texts.length; i++) {
            var value = options.accept ? options.accept(texts[i]) : texts[i];
            if (value) {
              stop();
              options.found(value);
              return;
            }
          }
          timer = setTimeout(look, 250);
        })
        .catch(function () {
          timer = setTimeout(look, 500);
        });
    }

    reader(video, options.decoderUrl)
      .then(function (readFrame) {
        read = readFrame;
        return navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
      })
      .then(function (media) {
        if (stopped) {
          media.getTracks().forEach(function (track) {
            track.stop();
          });
          return null;
        }
        stream = media;
        video.srcObject = media;
        if (options.started) {
          options.started();
        }
        return video.play();
      })
      .then(function () {
        if (!stopped) {
          look();
        }
      })
      .catch(function () {
        stop();
        if (options.failed) {
          options.failed();
        }
      });
    return { stop: stop };
  }

  window.TanggapQr = { supported: supported, start: start };
})();
