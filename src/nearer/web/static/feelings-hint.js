// "Feeling or judgement?" while typing: when a feeling word judges what someone did
// ("ignored", "abandoned"), show the gentle note for it before the entry is saved.
// The notes come from the page (<template id="nudge-library">); without JavaScript the
// "Check my feeling words first" button asks the server for the same notes.
(function () {
  "use strict";
  var library = document.getElementById("nudge-library");
  var box = document.getElementById("feeling-nudge");
  var list = document.getElementById("nudge-messages");
  if (!library || !box || !list || !library.content) { return; }
  var notes = {};
  library.content.querySelectorAll("p[data-word]").forEach(function (p) {
    notes[p.getAttribute("data-word")] = p.textContent;
  });
  var form = box.closest("form") || document;
  var input = form.querySelector("[data-feelings-input]");
  function words() {
    var typed = input ? input.value.split(/[,;]/) : [];
    form.querySelectorAll("input[name=feeling_pick]:checked").forEach(function (box) {
      typed.push(box.value);
    });
    return typed.map(function (w) { return w.trim().toLowerCase().replace(/\s+/g, " "); });
  }
  function update() {
    var seen = {};
    list.textContent = "";
    words().forEach(function (word) {
      if (notes[word] && !seen[word]) {
        seen[word] = true;
        var p = document.createElement("p");
        p.textContent = notes[word];
        list.appendChild(p);
      }
    });
    if (list.children.length && !document.getElementById("nudge-title")) {
      var title = document.createElement("h2");
      title.id = "nudge-title";
      title.textContent = "Feeling or judgement?";
      box.insertBefore(title, list);
      box.setAttribute("aria-labelledby", "nudge-title");
    }
    box.hidden = list.children.length === 0;
  }
  form.addEventListener("input", update);
  form.addEventListener("change", update);
})();
