// The verification page: only the sides the chosen document needs are asked for, and
// each photo is pre-checked the moment it is chosen (the same check the server runs
// again when the form is sent), with what to fix in the customer's language. Without
// script every side shows and the server says what is missing.
(function () {
  "use strict";
  // The agent's review: the pre-check's regions over each image, placed from their
  // data (the strict CSP allows no inline style).
  document.querySelectorAll(".region[data-left]").forEach(function (box) {
    box.style.left = box.dataset.left + "%";
    box.style.top = box.dataset.top + "%";
    box.style.width = box.dataset.width + "%";
    box.style.height = box.dataset.height + "%";
  });
  var root = document.getElementById("verification");
  var form = document.getElementById("documents-form");
  if (!root || !form) return;
  var csrf = document.querySelector("meta[name=csrf]").content;
  var select = document.getElementById("document");

  function rule(kind) {
    var li = document.querySelector('#accepted li[data-document="' + kind + '"]');
    return li ? { sides: li.dataset.sides.trim().split(/\s+/), expiry: li.dataset.expiry === "true" } : null;
  }

  function showSides() {
    var r = rule(select.value);
    if (!r) return;
    document.querySelectorAll("#documents-form .side").forEach(function (box) {
      var needed = r.sides.indexOf(box.dataset.side) >= 0;
      box.hidden = !needed;
      box.querySelector("input").required = needed;
    });
    document.getElementById("expires_on").required = r.expiry;
    // A passport's expiry is read from its zone: the field is not asked for.
    document.getElementById("expiry-box").hidden = !r.expiry;
  }

  function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); }

  function say(list, text, cls) {
    var li = document.createElement("li");
    li.textContent = text;
    li.className = cls;
    list.appendChild(li);
  }

  function check(box) {
    var input = box.querySelector("input");
    var list = box.querySelector(".findings");
    var file = input.files[0];
    clear(list);
    if (!file) return;
    say(list, root.dataset.checking, "");
    fetch("/photo-check/check?kind=" + encodeURIComponent(box.dataset.kind), {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRF-Token": csrf, "Content-Type": file.type || "application/octet-stream" },
      body: file
    }).then(function (r) {
      return r.json().then(function (j) { return { ok: r.ok, body: j }; });
    }).then(function (r) {
      clear(list);
      if (!r.ok) { say(list, r.body.error.message, "error"); return; }
      if (!r.body.findings.length) { say(list, root.dataset.ok, "ok"); }
      r.body.findings.forEach(function (f) {
        f.messages.forEach(function (m) { say(list, m, f.status === "fail" ? "error" : "warning"); });
      });
      if (r.body.blocking && r.body.may_send_anyway) {
        document.getElementById("send-anyway-box").hidden = false;
      }
    }).catch(function () { clear(list); say(list, root.dataset.failed, "error"); });
  }

  select.addEventListener("change", showSides);
  document.querySelectorAll("#documents-form .side").forEach(function (box) {
    box.querySelector("input").addEventListener("change", function () { check(box); });
  });
  showSides();
})();
