// "Select all on this page": a checkbox with data-select-all="NAME" checks every checkbox named NAME that
// belongs to the same form (also those outside it, joined with the form attribute).
document.addEventListener("change", (event) => {
  const box = event.target;
  if (!(box instanceof HTMLInputElement) || !box.dataset.selectAll || !box.form) return;
  for (const item of box.form.elements) {
    if (item instanceof HTMLInputElement && item.name === box.dataset.selectAll) item.checked = box.checked;
  }
});
