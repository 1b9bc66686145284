// Leave Nearer at once: replace this page in history so Back does not return here.
(function () {
  "use strict";
  var target = document.body.getAttribute("data-quick-exit") || "https://weather.com/";
  function leave(event) {
    if (event) { event.preventDefault(); }
    document.body.style.visibility = "hidden";
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
