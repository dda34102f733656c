// Pairing a kiosk: the link the unit's administrator received carries the token after "#", which the
// browser never sends to the server. Take it out of the address bar (and the history), put it in the
// form and post it once; the server answers with the kiosk's page and keeps the token in a cookie.
(function () {
  "use strict";
  var form = document.getElementById("pair-form");
  if (!form || window.location.hash.length < 2) {
    return;
  }
  var token = "";
  try {
    token = decodeURIComponent(window.location.hash.slice(1));
  } catch (error) {
    return;
  }
  if (window.history && window.history.replaceState) {
    window.history.replaceState(null, "", window.location.pathname + window.location.search);
  }
  form.querySelector("input[name=token]").value = token;
  var status = document.getElementById("pair-status");
  if (status) {
    status.textContent = status.getAttribute("data-working");
  }
  if (form.requestSubmit) {
    form.requestSubmit();
  } else {
    form.submit();
  }
})();
