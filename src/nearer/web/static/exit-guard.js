// Runs in <head>, before a Nearer page is drawn. After "Leave quickly" this tab remembers where it
// went (sessionStorage, this tab only); a Nearer page reached again by Back or Forward leaves for
// the same place at once, replacing itself in history, so Back never shows Nearer again.
// Opening Nearer on purpose (a link, the address bar, logging in) clears the mark.
(function () {
  "use strict";
  var KEY = "nearer-left";
  var target = null;
  try { target = window.sessionStorage.getItem(KEY); } catch (e) { return; }
  var nav = (window.performance && performance.getEntriesByType) ?
    performance.getEntriesByType("navigation")[0] : null;
  var how = nav ? nav.type : "navigate";
  function leaveAgain() {
    document.documentElement.style.visibility = "hidden";
    window.location.replace(target);
  }
  if (target && how === "back_forward") {
    leaveAgain();
    return;
  }
  if (target && how === "navigate") {
    try { window.sessionStorage.removeItem(KEY); } catch (e) { /* storage blocked: nothing kept */ }
    target = null;
  }
  // A page restored from the back/forward cache runs no scripts again, only this event.
  window.addEventListener("pageshow", function (event) {
    var left = null;
    try { left = window.sessionStorage.getItem(KEY); } catch (e) { return; }
    if (event.persisted && left) { target = left; leaveAgain(); }
  });
})();
