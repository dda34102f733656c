// The kiosk ticket page goes back to the kiosk's start page for the next visitor after a while. The
// countdown is shown, announced once near its end, and the visitor can stop it (WCAG 2.2.1 Timing
// Adjustable); a meta refresh would do none of this. Without script the page simply stays.
(function () {
  "use strict";
  var box = document.getElementById("k-return");
  if (!box) {
    return;
  }
  var words = document.getElementById("k-return-words").content.firstElementChild;
  var text = document.getElementById("k-return-text");
  var alert = document.getElementById("k-return-alert");
  var stop = document.getElementById("k-return-stop");
  var url = box.getAttribute("data-url");
  var left = parseInt(box.getAttribute("data-seconds"), 10) || 45;
  var timer = null;

  function say(seconds) {
    return words.getAttribute("data-left").replace("__S__", String(seconds));
  }

  function tick() {
    left -= 1;
    if (left <= 0) {
      window.clearInterval(timer);
      window.location.assign(url);
      return;
    }
    text.textContent = say(left);
    if (left === 15) {
      alert.textContent = say(left);  // once, early enough to stop it
    }
  }

  stop.addEventListener("click", function () {
    window.clearInterval(timer);
    text.textContent = words.getAttribute("data-stopped");
    alert.textContent = words.getAttribute("data-stopped");
    stop.hidden = true;
  });
  box.hidden = false;
  text.textContent = say(left);
  timer = window.setInterval(tick, 1000);
})();
