// Leave Nearer at once: remember (for this tab) that we left, log out with a beacon when the person
// chose that in Account, and replace this page in history so Back does not return here.
(function () {
  "use strict";
  var body = document.body;
  var target = body.getAttribute("data-quick-exit") || "https://weather.com/";
  var left = false;
  function logOut() {
    var token = body.getAttribute("data-csrf");
    if (body.getAttribute("data-exit-logout") !== "yes" || !token || !navigator.sendBeacon) { return; }
    var form = new FormData();
    form.append("csrf_token", token);
    navigator.sendBeacon("/leave", form);
  }
  function leave(event) {
    if (event) { event.preventDefault(); }
    if (left) { return; }
    left = true;
    body.classList.add("leaving");
    document.documentElement.style.visibility = "hidden";
    try { window.sessionStorage.setItem("nearer-left", target); } catch (e) { /* private mode */ }
    logOut();
    window.location.replace(target);
  }
  var button = document.getElementById("quick-exit");
  if (button) { button.addEventListener("click", leave); }
  var presses = [];
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var now = Date.now();
    presses = presses.filter(function (t) { return now - t < 1500; });
    presses.push(now);
    if (presses.length >= 3) { leave(event); }
  });
})();
