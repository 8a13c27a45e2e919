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
