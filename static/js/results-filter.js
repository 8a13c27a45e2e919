// The results page's filters, applied in place. The form is a plain GET form: without JavaScript the
// server renders the same rows hidden, so this script only saves the reload.
(() => {
  const form = document.getElementById("results-filter");
  if (!form) return;
  const names = ["framework", "status", "nature", "role"];
  const rows = [...document.querySelectorAll("li.obligation[data-status]")];
  const count = document.getElementById("filter-count");
  const empty = document.getElementById("filter-empty");
  const clear = document.getElementById("filter-clear");

  const matches = (row, f) => {
    if (f.framework && row.dataset.framework !== f.framework) return false;
    if (f.status && row.dataset.status !== f.status) return false;
    if (f.nature && row.dataset.nature !== f.nature) return false;
    if (f.role) {
      const framework = f.role.split(":")[0];
      const roles = row.dataset.roles.split(" ");
      if (!roles.includes(f.role) && !roles.includes(framework + ":*")) return false;
    }
    return true;
  };

  const update = () => {
    const data = new FormData(form);
    const f = Object.fromEntries(names.map((name) => [name, data.get(name) || ""]));
    const active = names.some((name) => f[name]);
    let shown = 0;
    rows.forEach((row) => { row.hidden = !matches(row, f); if (!row.hidden) shown += 1; });
    document.querySelectorAll("details.status-group").forEach((group) => {
      const visible = group.querySelectorAll("li.obligation:not([hidden])").length;
      group.hidden = visible === 0;
      group.querySelector("[data-group-shown]").textContent = visible;
      if (f.status && group.dataset.status === f.status) group.open = true;
    });
    document.querySelectorAll("details.voluntary-group").forEach((group) => {
      const visible = group.querySelectorAll("li.obligation:not([hidden])").length;
      group.hidden = visible === 0;
      group.querySelector("[data-shown]").textContent = visible;
      if (f.nature === "voluntary") group.open = true;
    });
    document.querySelectorAll("section.framework").forEach((section) => {
      section.hidden = active && !section.querySelector("li.obligation:not([hidden])");
    });
    count.textContent = count.dataset.template.replace("__SHOWN__", shown).replace("__TOTAL__", rows.length);
    empty.classList.toggle("d-none", shown > 0);
    clear.hidden = !active;
    const query = new URLSearchParams(names.filter((name) => f[name]).map((name) => [name, f[name]]));
    history.replaceState(null, "", (query.toString() ? "?" + query : location.pathname) + location.hash);
  };

  // A duty's "see penalty N" link opens the folded penalties it points to.
  document.addEventListener("click", (event) => {
    const link = event.target.closest('a[href^="#penalty-"]');
    const target = link && document.getElementById(link.hash.slice(1));
    if (target) target.closest("details").open = true;
  });

  form.querySelector("[data-filter-apply]").hidden = true;
  form.addEventListener("change", update);
  form.addEventListener("submit", (event) => { event.preventDefault(); update(); });
})();
