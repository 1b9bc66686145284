// The page frame, made smoother (everything here also works without it):
// - links inside Nearer replace the page in history instead of adding to it, so after
//   "Leave quickly" there is as little Nearer as possible behind Back;
// - the menu closes on Escape or a tap outside it;
// - the app lock, when on, goes to the PIN screen after the chosen idle minutes;
// - the service worker (static shell only) is registered so Nearer can be installed.
(function () {
  "use strict";
  var body = document.body;

  function sameSite(url) {
    return url.origin === window.location.origin;
  }

  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey ||
        event.shiftKey || event.altKey) { return; }
    var link = event.target.closest ? event.target.closest("a[href]") : null;
    if (!link || link.id === "quick-exit" || link.hasAttribute("download") ||
        (link.target && link.target !== "_self")) { return; }
    var url = new URL(link.href, window.location.href);
    if (!sameSite(url) || url.pathname.indexOf("/static/") === 0 ||
        /\.(json|pdf|ics)$/.test(url.pathname)) { return; }
    if (url.pathname === window.location.pathname && url.search === window.location.search &&
        url.hash) { return; }  // an in-page jump, like the skip link
    event.preventDefault();
    window.location.replace(url.href);
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || !form || (form.method || "get").toLowerCase() !== "get") { return; }
    var url = new URL(form.action || window.location.href, window.location.href);
    if (!sameSite(url)) { return; }
    url.search = new URLSearchParams(new FormData(form)).toString();
    event.preventDefault();
    window.location.replace(url.href);
  });

  var menu = document.getElementById("nav-menu");
  if (menu) {
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.open) {
        menu.open = false;
        menu.querySelector("summary").focus();
      }
    });
    document.addEventListener("click", function (event) {
      if (menu.open && !menu.contains(event.target)) { menu.open = false; }
    });
  }

  var minutes = parseInt(body.getAttribute("data-lock-minutes") || "", 10);
  if (minutes > 0) {
    var timer = null;
    var restart = function () {
      if (timer) { window.clearTimeout(timer); }
      timer = window.setTimeout(function () { window.location.replace("/lock"); }, minutes * 60000);
    };
    ["pointerdown", "keydown", "scroll", "touchstart"].forEach(function (name) {
      document.addEventListener(name, restart, { passive: true });
    });
    restart();
  }

  if ("serviceWorker" in navigator && window.isSecureContext) {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {
      /* not installable here (e.g. a private window): Nearer works the same without it */
    });
  }
})();
