// Registers the service worker once the page has loaded, so it never competes with first paint.
if ("serviceWorker" in navigator) {
  window.addEventListener("load", function () {
    navigator.serviceWorker.register("/sw.js").catch(function (error) {
      console.warn("service worker not registered", error);
    });
  });
}

// Forms that act as soon as a choice changes (sort, filters, language) and print buttons. Kept
// here rather than in inline `onchange`/`onclick` attributes, which the Content-Security-Policy
// forbids; works before (and without) the WASM, as the plain forms do.
document.addEventListener("change", function (event) {
  var field = event.target;
  if (field && field.matches && field.matches("[data-autosubmit]") && field.form) {
    field.form.submit();
  }
});
document.addEventListener("click", function (event) {
  var button = event.target && event.target.closest && event.target.closest("[data-print]");
  if (button) {
    window.print();
  }
});
