// The display board: mark each new call and, when the chime is on, play a short two-note tone with
// the Web Audio API (no audio file). Browsers allow sound only after a first touch or key press, so a
// button asks for it once; a TV started in kiosk mode with autoplay allowed needs no touch.
(function () {
  "use strict";
  var body = document.body;
  var chimeOn = body.getAttribute("data-chime") === "1";
  var audio = null;
  var seen = null;
  var chimes = 0;

  function calls(element) {
    var map = {};
    (element.getAttribute("data-calls") || "")
      .trim()
      .split(/\s+/)
      .forEach(function (pair) {
        if (pair) {
          var parts = pair.split(":");
          map[parts[0]] = parseInt(parts[1], 10) || 0;
        }
      });
    return map;
  }

  // A ticket called for the first time, or called again (recall).
  function hasNewCall(before, now) {
    for (var id in now) {
      if (!(id in before) || now[id] > before[id]) {
        return true;
      }
    }
    return false;
  }

  function tone() {
    chimes += 1;
    body.setAttribute("data-chimes", String(chimes));
    if (!audio || audio.state !== "running") {
      return;
    }
    var t = audio.currentTime;
    [
      [660, 0],
      [880, 0.3],
    ].forEach(function (note) {
      var osc = audio.createOscillator();
      var gain = audio.createGain();
      osc.type = "sine";
      osc.frequency.value = note[0];
      gain.gain.setValueAtTime(0.0001, t + note[1]);
      gain.gain.exponentialRampToValueAtTime(0.5, t + note[1] + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + note[1] + 0.7);
      osc.connect(gain);
      gain.connect(audio.destination);
      osc.start(t + note[1]);
      osc.stop(t + note[1] + 0.75);
    });
  }

  function setUpAudio() {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) {
      return;
    }
    audio = new Context();
    var button = document.getElementById("chime-enable");
    function resume() {
      audio.resume().then(function () {
        if (button) {
          button.hidden = true;
        }
      });
    }
    if (audio.state !== "running") {
      if (button) {
        button.hidden = false;
        button.addEventListener("click", function () {
          resume();
          tone();
        });
      }
      document.addEventListener("keydown", resume, { once: true });
    }
  }

  function update() {
    var live = document.getElementById("board-live");
    if (!live) {
      return;
    }
    var now = calls(live);
    if (seen !== null && hasNewCall(seen, now)) {
      var latest = live.querySelector(".b-latest");
      if (latest) {
        latest.classList.add("b-flash");
      }
      if (chimeOn) {
        tone();
      }
    }
    seen = now;
  }

  if (chimeOn) {
    setUpAudio();
  }
  update();
  document.addEventListener("htmx:afterSettle", update);
})();
