// Registers the service worker once the page has loaded, so it never competes with first paint.
if ("serviceWorker" in navigator) {
  window.addEventListener("load", function () {
    navigator.serviceWorker.register("/sw.js").catch(function (error) {
      console.warn("service worker not registered", error);
    });
  });
}
