// The start form's length estimate: the union of the questions each ticked framework asks before any answer
// (a question several frameworks need is asked once), recounted when the ticks change.
(() => {
  const estimate = document.getElementById("length-estimate");
  const data = document.getElementById("starting-questions");
  if (!estimate || !data) return;
  const questions = JSON.parse(data.textContent);
  const seconds = Number(estimate.dataset.secondsPerQuestion) || 30;
  const update = () => {
    const codes = new Set();
    for (const box of document.querySelectorAll('input[name="frameworks"]:checked')) {
      for (const code of questions[box.value] || []) codes.add(code);
    }
    if (!codes.size) {
      estimate.textContent = estimate.dataset.none;
      return;
    }
    const minutes = Math.max(1, Math.ceil((codes.size * seconds) / 60));  // as Length.minutes
    estimate.textContent = estimate.dataset.text.replace("{shown}", codes.size).replace("{minutes}", minutes);
  };
  document.addEventListener("change", (event) => {
    if (event.target instanceof HTMLInputElement && event.target.name === "frameworks") update();
  });
})();
