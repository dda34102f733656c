// Similar ideas and innovations under the idea form's title and problem, while the official types.
// Without JavaScript the form still submits; this only adds hints.
(function () {
  "use strict";
  var form = document.getElementById("idea-form");
  var box = document.getElementById("similar");
  if (!form || !box || !window.fetch) return;
  var url = form.getAttribute("data-similar-url");
  var idea = form.getAttribute("data-idea") || "";
  var fields = ["id_title", "id_problem"].map(function (id) { return document.getElementById(id); })
    .filter(Boolean);
  var timer = null;
  var last = "";

  function fill(kind, rows) {
    var list = box.querySelector('[data-kind="' + kind + '"]');
    list.textContent = "";
    rows.forEach(function (row) {
      var item = document.createElement("li");
      var label = row.code + " · " + row.title;
      if (row.url) {
        var link = document.createElement("a");
        link.href = row.url;
        link.target = "_blank";
        link.rel = "noopener";
        link.textContent = label;
        item.appendChild(link);
      } else {
        item.textContent = label;
      }
      list.appendChild(item);
    });
  }

  function ask() {
    var query = fields.map(function (f) { return f.value; }).join(" ").trim();
    if (query === last) return;
    last = query;
    if (query.length < 3) { box.hidden = true; return; }
    var target = url + "?q=" + encodeURIComponent(query.slice(0, 500)) + (idea ? "&idea=" + idea : "");
    fetch(target, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { ideas: [], innovations: [] }; })
      .then(function (data) {
        if (query !== last) return;
        fill("ideas", data.ideas || []);
        fill("innovations", data.innovations || []);
        box.hidden = !((data.ideas || []).length || (data.innovations || []).length);
      })
      .catch(function () { box.hidden = true; });
  }

  fields.forEach(function (field) {
    field.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 400);
    });
  });
})();
