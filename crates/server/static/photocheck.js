// The instant pre-check: the photo is checked the moment it is chosen, and what to fix
// is shown in the customer's language with the region marked. Served from 'self' so
// the strict Content-Security-Policy holds (no inline script).
(function () {
  "use strict";
  var root = document.getElementById("photo-check");
  if (!root) return;
  // With script, the file chooser is our own labelled button (in the page's language,
  // where the browser's would say "Choose File"); without, the browser's own stays.
  root.classList.add("scripted");
  var csrf = document.querySelector("meta[name=csrf]").content;
  var fileInput = document.getElementById("photo");
  var kind = document.getElementById("kind");
  var name = document.getElementById("name");
  var status = document.getElementById("photo-status");
  var previewBox = document.getElementById("preview-box");
  var preview = document.getElementById("preview");
  var regions = document.getElementById("regions");
  var findings = document.getElementById("findings");
  var anywayBox = document.getElementById("send-anyway-box");
  var anyway = document.getElementById("send-anyway");
  var send = document.getElementById("send");
  var result = document.getElementById("send-result");
  var last = null;
  var typing = null;

  function query() {
    return "?kind=" + encodeURIComponent(kind.value) + "&name=" + encodeURIComponent(name.value);
  }

  function post(path, file) {
    return fetch(path, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRF-Token": csrf, "Content-Type": file.type || "application/octet-stream" },
      body: file
    }).then(function (r) {
      return r.json().then(function (j) { return { ok: r.ok, body: j }; });
    });
  }

  function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); }

  function setStatus(text, cls) {
    status.textContent = text;
    status.className = cls || "";
  }

  function updateSend() {
    var blocked = last && last.blocking;
    send.disabled = !last || (blocked && !(last.may_send_anyway && anyway.checked));
  }

  function render(j) {
    last = j;
    clear(findings);
    clear(regions);
    j.findings.forEach(function (f) {
      f.messages.forEach(function (m) {
        var li = document.createElement("li");
        li.textContent = m;
        li.className = f.status === "fail" ? "error" : "warning";
        li.dataset.check = f.check;
        findings.appendChild(li);
      });
      if (f.region && j.width && j.height) {
        var box = document.createElement("div");
        box.className = "region " + f.status;
        box.style.left = (100 * f.region.x / j.width) + "%";
        box.style.top = (100 * f.region.y / j.height) + "%";
        box.style.width = (100 * f.region.width / j.width) + "%";
        box.style.height = (100 * f.region.height / j.height) + "%";
        regions.appendChild(box);
      }
    });
    if (j.blocking) {
      setStatus(j.may_send_anyway ? root.dataset.anyway : root.dataset.blocked, "error");
    } else {
      setStatus(j.findings.length ? root.dataset.warn : root.dataset.ok, j.findings.length ? "warning" : "ok");
    }
    anywayBox.hidden = !(j.blocking && j.may_send_anyway);
    anyway.checked = false;
    updateSend();
  }

  // Only the newest check's answer is shown (a name typed, then another photo chosen).
  var newest = 0;

  function check() {
    clearTimeout(typing);
    var file = fileInput.files[0];
    if (!file) return;
    var mine = ++newest;
    last = null;
    updateSend();
    result.textContent = "";
    clear(findings);
    clear(regions);
    preview.src = URL.createObjectURL(file);
    previewBox.hidden = false;
    setStatus(root.dataset.checking, "");
    post("/photo-check/check" + query(), file).then(function (r) {
      if (mine !== newest) return;
      if (r.ok) render(r.body); else setStatus(r.body.error.message, "error");
    }).catch(function () { if (mine === newest) setStatus(root.dataset.failed, "error"); });
  }

  // The memo is for an ID selfie only.
  function showMemo() {
    var memo = document.getElementById("memo");
    if (memo) memo.hidden = kind.value !== "selfie";
  }

  // A name typed after the photo was chosen is checked against the memo too, once
  // the typing pauses.
  function recheckSoon() {
    clearTimeout(typing);
    typing = setTimeout(check, 700);
  }

  updateSend();
  showMemo();
  fileInput.addEventListener("change", function () {
    var file = fileInput.files[0];
    document.getElementById("photo-chosen").textContent = file ? file.name : "";
    check();
  });
  kind.addEventListener("change", function () { showMemo(); check(); });
  name.addEventListener("input", recheckSoon);
  anyway.addEventListener("change", updateSend);
  // With script, the form is sent as the raw photo (already checked); without, the
  // browser sends it as a multipart form and the server answers with a page.
  document.getElementById("photo-form").addEventListener("submit", function (e) {
    e.preventDefault();
    var file = fileInput.files[0];
    if (!file || send.disabled) return;
    send.disabled = true;
    var q = query() + (anyway.checked ? "&send_anyway=1" : "");
    post("/photo-check/submit" + q, file).then(function (r) {
      result.textContent = r.ok ? r.body.message : r.body.error.message;
      result.className = r.ok ? "ok" : "error";
      if (r.ok) {
        // Sent: what was found before is no longer the news; the list shows it,
        // waiting for review.
        clear(findings);
        clear(regions);
        setStatus("", "");
        anywayBox.hidden = true;
        var li = document.createElement("li");
        li.textContent = root.dataset.justSent;
        document.getElementById("submissions").prepend(li);
        var none = document.getElementById("none-sent");
        if (none) none.hidden = true;
      } else {
        updateSend();
      }
    }).catch(function () { result.textContent = root.dataset.failed; result.className = "error"; updateSend(); });
  });
})();
