// Buttons with data-copy="#id" copy that field's value to the clipboard.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-copy]");
  if (!button) return;
  const field = document.querySelector(button.dataset.copy);
  field.select();
  navigator.clipboard.writeText(field.value).then(() => { button.textContent = button.dataset.copied || "Copied"; });
});
