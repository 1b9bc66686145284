// "Before you say it": read the draft as the person types. Without this script the form still
// posts to /coach and the server renders the same result.
// The draft only ever enters the page through textContent, never as markup.
(function () {
  "use strict";
  var form = document.getElementById("coach-form");
  var draft = document.getElementById("draft");
  if (!form || !draft || !window.fetch || !window.JSON) { return; }
  var token = form.querySelector("input[name=csrf_token]").value;
  var byId = function (id) { return document.getElementById(id); };
  var result = byId("coach-result");
  var status = byId("coach-status");
  var errorBox = byId("coach-error");
  var copyButton = byId("copy-rewrite");
  var copyStatus = byId("copy-status");
  // A pause of WAIT_MS reads the draft as typed (each sentence: fast enough for every pause);
  // once typing has rested REST_MS more, the draft is read in full (pairs of sentences too).
  var WAIT_MS = 300;
  var REST_MS = 900;
  var timer = null;
  var restTimer = null;
  var latest = 0;
  var inFlight = null;

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = text; }
    if (className) { node.className = className; }
    return node;
  }

  function showError(message) {
    clear(errorBox);
    if (message) {
      var box = el("div", message, "error");
      box.setAttribute("role", "alert");
      errorBox.appendChild(box);
    }
  }

  function nameOf(data, kind) { return (data.names && data.names[kind]) || kind; }

  function renderSafety(data) {
    var slot = byId("coach-safety");
    clear(slot);
    if (data.safety_html) {
      // Rendered by the server from its own escaped template; it contains no draft text.
      slot.appendChild(document.createRange().createContextualFragment(data.safety_html));
    }
  }

  function renderDraft(data) {
    var box = byId("coach-draft");
    clear(box);
    data.segments.forEach(function (segment) {
      if (!segment.kinds.length) {
        box.appendChild(document.createTextNode(segment.text));
        return;
      }
      var mark = el("mark", segment.text, "flag");
      mark.setAttribute("data-kinds", segment.kinds.join(" "));
      mark.title = segment.kinds.map(function (k) { return nameOf(data, k); }).join(", ");
      box.appendChild(mark);
    });
  }

  function renderReasons(data) {
    var list = byId("coach-reasons");
    clear(list);
    data.flags.forEach(function (flag) {
      var item = el("li");
      item.appendChild(el("strong", nameOf(data, flag.kind)));
      item.appendChild(document.createTextNode(" — “"));
      item.appendChild(el("mark", flag.quote, "flag"));
      item.appendChild(document.createTextNode("”"));
      item.appendChild(el("br"));
      item.appendChild(document.createTextNode(flag.why));
      if (flag.noticed_by) {
        item.appendChild(el("br"));
        item.appendChild(el("span", "Noticed by " + flag.noticed_by, "quiet noticed-by"));
      }
      list.appendChild(item);
    });
    byId("coach-reasons-box").hidden = data.flags.length === 0;
    byId("coach-gentle").hidden = !data.gentle;
  }

  function renderFeelings(data) {
    var list = byId("coach-feelings");
    clear(list);
    data.feeling_check.forEach(function (check) {
      var item = el("li");
      item.appendChild(el("em", check.word));
      item.appendChild(document.createTextNode(": " + check.note));
      list.appendChild(item);
    });
    byId("coach-feelings-box").hidden = data.feeling_check.length === 0;
  }

  function render(data) {
    showError("");
    renderSafety(data);
    renderDraft(data);
    renderReasons(data);
    renderFeelings(data);
    byId("coach-rewrite").textContent = data.rewrite || "";
    byId("coach-rewrite-box").hidden = !data.rewrite;
    byId("coach-break-box").hidden = !data.flags.some(function (f) { return f.kind === "stonewalling"; });
    copyStatus.textContent = "";
    result.hidden = false;
    var n = data.flags.length;
    // Never "Reads gently" while a safety note or a threat stands.
    var safetyNote = data.safety && data.safety.level && data.safety.level !== "none";
    // ... and only once the full reading (after typing rests) has found nothing.
    status.textContent = safetyNote && n === 0 ? "Please read the note below first." :
      (n === 0 ? (data.gentle ? "Reads gently." : "Reading the whole draft…") :
        (n === 1 ? "1 thing to look at." : n + " things to look at."));
  }

  function analyse(typing) {
    var text = draft.value;
    var ticket = ++latest;
    if (inFlight) { inFlight.abort(); inFlight = null; }
    if (!text.trim()) {
      result.hidden = true;
      showError("");
      status.textContent = "";
      return;
    }
    var controller = window.AbortController ? new AbortController() : null;
    inFlight = controller;
    if (typing) { status.textContent = "Reading…"; }
    fetch("/coach/analyze", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": token },
      body: JSON.stringify({ text: text, typing: typing }),
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, code: response.status, data: data }; });
    }).then(function (answer) {
      if (ticket !== latest) { return; }  // a newer draft is already on its way
      inFlight = null;
      if (answer.ok) {
        render(answer.data);
        if (typing) { restTimer = setTimeout(function () { analyse(false); }, REST_MS); }
        return;
      }
      result.hidden = true;
      status.textContent = "";
      showError(answer.code === 401 ? "You have been logged out. Log in again to use the coach."
                                    : String(answer.data.detail || "The coach could not read this draft."));
    }).catch(function (error) {
      if (ticket !== latest || (error && error.name === "AbortError")) { return; }
      status.textContent = "The coach could not be reached. “Check it” still works.";
    });
  }

  draft.addEventListener("input", function () {
    if (timer) { clearTimeout(timer); }
    if (restTimer) { clearTimeout(restTimer); restTimer = null; }
    timer = setTimeout(function () { analyse(true); }, WAIT_MS);
  });

  function copyFallback(text) {
    var scratch = el("textarea");
    scratch.value = text;
    scratch.setAttribute("readonly", "");
    scratch.style.position = "fixed";
    scratch.style.top = "-1000px";
    document.body.appendChild(scratch);
    scratch.select();
    var done = false;
    try { done = document.execCommand("copy"); } catch (e) { done = false; }
    document.body.removeChild(scratch);
    return done;
  }

  function selectRewrite() {
    var range = document.createRange();
    range.selectNodeContents(byId("coach-rewrite"));
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function copied(ok) {
    if (ok) {
      copyStatus.textContent = "Copied. Fill in the brackets before you send it.";
    } else {
      selectRewrite();
      copyStatus.textContent = "Selected — press Ctrl+C (or ⌘C) to copy.";
    }
  }

  copyButton.hidden = false;
  copyButton.addEventListener("click", function () {
    var text = byId("coach-rewrite").textContent;
    if (!text) { return; }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { copied(true); },
                                               function () { copied(copyFallback(text)); });
    } else {
      copied(copyFallback(text));
    }
  });
})();
