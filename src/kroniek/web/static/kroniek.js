// kroniek web UI: the little that needs a script. Everything works without it.
"use strict";

// Article page: the "Show" checkboxes switch highlight layers on and off.
function setUpLayerToggles() {
  const text = document.getElementById("article-text");
  if (!text) return;
  for (const box of document.querySelectorAll("input[data-layer]")) {
    box.addEventListener("change", () => {
      text.classList.toggle("hide-" + box.dataset.layer, !box.checked);
    });
  }
}

// Timeline and network forms: changing a select submits the form.
function setUpAutoSubmit() {
  for (const select of document.querySelectorAll("form.query select")) {
    select.addEventListener("change", () => select.form.submit());
  }
}

document.addEventListener("DOMContentLoaded", () => {
  setUpLayerToggles();
  setUpAutoSubmit();
});
