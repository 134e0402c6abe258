// The 2FA reset page: each photo is pre-checked the moment it is chosen (the same check,
// with the same memo, that the server runs again when the form is sent), with what to
// fix in the customer's language. Without script the server says it on sending.
(function () {
  "use strict";
  var root = document.getElementById("reset");
  var form = document.getElementById("selfie-form");
  if (!root || !form) return;
  var csrf = document.querySelector("meta[name=csrf]").content;

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
    fetch("/login/2fa/lost/check?kind=" + encodeURIComponent(box.dataset.kind), {
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

  form.querySelectorAll(".side").forEach(function (box) {
    box.querySelector("input").addEventListener("change", function () { check(box); });
  });
})();
