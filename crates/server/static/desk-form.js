// Conditional fields of a desk form: shown (and required) only while the field they wait
// on has the value they wait for. Without script every field shows, with its "only if"
// note, and the server drops what does not apply.
(function () {
  "use strict";
  // Every desk form: its file inputs get a button in the page's language and show the
  // names chosen (without script, the browser's own input shows).
  document.querySelectorAll("form").forEach(function (f) {
    if (!f.querySelector(".file-input")) return;
    f.classList.add("scripted");
    f.addEventListener("change", function (event) {
      var input = event.target;
      if (input.type !== "file") return;
      var names = Array.prototype.map.call(input.files, function (file) { return file.name; });
      f.querySelectorAll('.file-chosen[data-for="' + input.id + '"]').forEach(function (span) {
        span.textContent = names.join(", ");
      });
    });
  });
  var form = document.getElementById("desk-form");
  if (!form) return;
  var fields = form.querySelectorAll("[data-show-if]");
  function valueOf(name) {
    var input = form.elements[name];
    if (!input) return "";
    if (input.type === "checkbox") return input.checked ? "true" : "";
    return input.value;
  }
  function update() {
    fields.forEach(function (field) {
      var shown = valueOf(field.dataset.showIf) === field.dataset.showValue;
      field.hidden = !shown;
      field.querySelectorAll(".condition").forEach(function (note) { note.hidden = true; });
      field.querySelectorAll("input, select, textarea").forEach(function (input) {
        input.disabled = !shown;
        if (input.hasAttribute("data-required")) input.required = shown;
      });
    });
  }
  form.querySelectorAll(".field:not([data-show-if]) [data-required]").forEach(function (input) {
    input.required = true;
  });
  form.addEventListener("change", update);
  update();
  // One submission per page: a double click sends once (the server also keeps one).
  form.addEventListener("submit", function () {
    var button = document.getElementById("send-request");
    if (button) window.setTimeout(function () { button.disabled = true; }, 0);
  });
})();
