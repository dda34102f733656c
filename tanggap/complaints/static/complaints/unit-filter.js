// A search box before each long select marked data-filter (the verifier's "forward to unit" list: about a
// hundred units in groups by kind). Typing keeps only the options whose name contains every typed word;
// the select itself stays the form's field, so without script it works as an ordinary grouped list.
(function () {
  "use strict";
  var count = 0;

  function words(text) {
    return text.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  }

  function setUp(select) {
    var original = Array.prototype.slice.call(select.children).map(function (node) {
      return node.cloneNode(true);
    });
    count += 1;
    var id = "unit-filter-" + count;
    var label = document.createElement("label");
    label.htmlFor = id;
    label.className = "filter-label";
    label.textContent = select.getAttribute("data-filter");
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.autocomplete = "off";
    input.setAttribute("aria-controls", select.id);
    var status = document.createElement("p");
    status.className = "sr-only";
    status.setAttribute("aria-live", "polite");
    select.parentNode.insertBefore(label, select);
    select.parentNode.insertBefore(input, select);
    select.parentNode.insertBefore(status, select);

    function matches(option, wanted) {
      var name = option.textContent.toLocaleLowerCase();
      return option.value === "" || wanted.every(function (w) { return name.indexOf(w) !== -1; });
    }

    input.addEventListener("input", function () {
      var wanted = words(input.value);
      var chosen = select.value;
      var shown = 0;
      select.textContent = "";
      original.forEach(function (node) {
        if (node.tagName === "OPTGROUP") {
          var group = node.cloneNode(false);
          Array.prototype.forEach.call(node.children, function (option) {
            if (matches(option, wanted)) {
              group.appendChild(option.cloneNode(true));
              shown += 1;
            }
          });
          if (group.children.length) {
            select.appendChild(group);
          }
        } else if (matches(node, wanted)) {
          select.appendChild(node.cloneNode(true));
          if (node.value !== "") {
            shown += 1;
          }
        }
      });
      select.value = chosen;
      if (select.value !== chosen || !chosen) {
        var first = select.querySelector("option:not([value=''])");
        if (shown === 1 && first) {
          select.value = first.value;
        }
      }
      status.textContent = (select.getAttribute("data-filter-count") || "%(n)s").replace(
        "%(n)s",
        String(shown)
      );
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("select[data-filter]"), setUp);
})();
