// Ask before a form that cannot be undone is sent: any <form data-confirm="question">.
// Without JavaScript the form is simply sent; the strict CSP allows no inline handlers.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form || !form.getAttribute) { return; }
    var question = form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) { event.preventDefault(); }
  });
})();
