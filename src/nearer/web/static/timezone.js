// Fill an empty or default time-zone field with the browser's own zone; the form works without it.
(function () {
  "use strict";
  var zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
  if (!zone) { return; }
  document.querySelectorAll("input[data-browser-zone]").forEach(function (field) {
    if (!field.value || field.value === "UTC") { field.value = zone; }
  });
})();
