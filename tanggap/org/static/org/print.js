// Print buttons on printable pages (no inline script: the content security policy forbids it).
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) {
    window.print();
  }
});
