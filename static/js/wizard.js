// Questionnaire page: answers save through htmx as they change (see templates/assessments/_question.html).
(function () {
  "use strict";
  // Validation (422) and stale-form (409) replies carry the message for the user: swap them in like successes.
  htmx.config.responseHandling = [
    { code: "204", swap: false },
    { code: "[23]..", swap: true },
    { code: "409", swap: true, error: false },
    { code: "422", swap: true, error: false },
    { code: "[45]..", swap: false, error: true },
  ];

  // "None of these" and the other choices of a question exclude each other: ticking one clears the other
  // side before the answer is sent (capture phase, so this runs before htmx's own change handler).
  var NONE = "__none__";
  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!(box instanceof HTMLInputElement) || box.type !== "checkbox" || !box.checked) {
      return;
    }
    var group = document.querySelectorAll('input[type="checkbox"][name="' + CSS.escape(box.name) + '"]');
    if (!Array.prototype.some.call(group, function (other) { return other.value === NONE; })) {
      return;
    }
    group.forEach(function (other) {
      if (other !== box && (box.value === NONE) !== (other.value === NONE)) {
        other.checked = false;
      }
    });
  }, true);

  function announce(text) {
    var status = document.getElementById("wizard-status");
    if (status) {
      var message = document.createElement("span");
      message.className = "text-danger";
      message.textContent = text;
      status.replaceChildren(message);
    }
  }

  document.body.addEventListener("htmx:sendError", function () {
    announce("Your answer could not be saved: the server is unreachable. Check your connection, then press Save.");
  });
  document.body.addEventListener("htmx:responseError", function (event) {
    var code = event.detail.xhr.status;
    announce(code === 403
      ? "Your answer was not saved: your role no longer allows editing this assessment."
      : "Your answer could not be saved (error " + code + "). Press Save to try again.");
  });
})();
