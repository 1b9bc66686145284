// Show session times in this browser's own time zone: when the page was opened without ?tz=
// and the person has not chosen a zone in Account, reload it once with the zone the browser
// reports. Without this script the "Show times in" form does the same by hand.
(function () {
  "use strict";
  var form = document.getElementById("tz-form");
  if (!form || !window.Intl || !window.URLSearchParams) { return; }
  if (window.location.pathname !== form.getAttribute("action")) { return; }
  if (form.getAttribute("data-zone-chosen") === "yes") { return; }  // Account's zone is shown
  var params = new URLSearchParams(window.location.search);
  if (params.get("tz")) { return; }
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone || zone === "UTC") { return; }
  params.set("tz", zone);
  window.location.replace(window.location.pathname + "?" + params.toString() + window.location.hash);
})();
