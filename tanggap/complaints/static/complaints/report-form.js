// The report form: "use my location" fills the latitude/longitude fields from the phone's position.
// Without JavaScript (or without permission) the fields are typed by hand, or left empty.
(function () {
  "use strict";
  var button = document.getElementById("cp-use-location");
  var status = document.getElementById("cp-location-status");
  if (!button || !navigator.geolocation) {
    return;
  }
  button.hidden = false;
  button.addEventListener("click", function () {
    status.textContent = button.getAttribute("data-busy");
    button.disabled = true;
    navigator.geolocation.getCurrentPosition(
      function (position) {
        document.getElementById("id_latitude").value = position.coords.latitude.toFixed(6);
        document.getElementById("id_longitude").value = position.coords.longitude.toFixed(6);
        status.textContent = button.getAttribute("data-done");
        button.disabled = false;
      },
      function () {
        status.textContent = button.getAttribute("data-failed");
        button.disabled = false;
      },
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
    );
  });
})();
