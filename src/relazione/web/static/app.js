// relazione web: drag and drop upload and progress polling. Shipped in the package; the pages work without it
// (plain file input and a reload), this only saves clicks.
"use strict";

function csrf() { return document.body.dataset.csrf; }

function poll(url, onUpdate) {
  fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
    .then(function (r) { return r.json(); })
    .then(function (s) {
      onUpdate(s);
      if (s.status !== "pronto" && s.status !== "errore") { setTimeout(function () { poll(url, onUpdate); }, 1000); }
    })
    .catch(function () { setTimeout(function () { poll(url, onUpdate); }, 3000); });
}

function watchRows() {
  document.querySelectorAll("tr[data-status-url]").forEach(function (row) {
    var status = row.dataset.status;
    if (status === "pronto" || status === "errore") { return; }
    poll(row.dataset.statusUrl, function (s) {
      var cell = row.querySelector("td.status");
      cell.className = "status " + s.status;
      cell.textContent = s.status === "errore" ? s.error : s.label + " (" + s.step + "/" + s.steps + ")";
      if (s.status === "pronto") { window.location.reload(); }
    });
  });
}

function watchWaiting() {
  var box = document.getElementById("waiting");
  if (!box) { return; }
  poll(box.dataset.statusUrl, function (s) {
    var label = document.getElementById("progress-label"), bar = document.getElementById("progress");
    if (label) { label.textContent = s.status === "errore" ? s.error : s.label; }
    if (bar) { bar.value = s.step; }
    if (s.status === "pronto" || s.status === "errore") { window.location.reload(); }
  });
}

function send(form, files) {
  var data = new FormData();
  data.append("csrf_token", csrf());
  Array.prototype.forEach.call(files, function (f) { data.append("files", f, f.name); });
  var list = document.getElementById("upload-results");
  list.innerHTML = "<li>caricamento…</li>";
  fetch(form.action, { method: "POST", body: data, credentials: "same-origin",
                       headers: { "X-Requested-With": "fetch", "X-CSRF-Token": csrf() } })
    .then(function (r) {
      if (r.status === 413) { throw new Error("file troppo grande per un caricamento"); }
      if (!r.ok) { throw new Error("caricamento rifiutato (" + r.status + ")"); }
      return r.json();
    })
    .then(function (body) {
      list.innerHTML = "";
      body.results.forEach(function (res) {
        var li = document.createElement("li");
        li.textContent = res.message;
        li.className = res.id ? "info" : "errore";
        list.appendChild(li);
      });
      // new documents appear in the list below (with their progress); refusals stay on screen to be read
      if (body.results.some(function (res) { return res.id; })) { setTimeout(function () { window.location.reload(); }, 1500); }
    })
    .catch(function (e) { list.innerHTML = ""; var li = document.createElement("li"); li.className = "errore";
                          li.textContent = e.message; list.appendChild(li); });
}

function dropZone() {
  var form = document.getElementById("upload");
  if (!form) { return; }
  ["dragenter", "dragover"].forEach(function (ev) {
    form.addEventListener(ev, function (e) { e.preventDefault(); form.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (ev) {
    form.addEventListener(ev, function (e) { e.preventDefault(); form.classList.remove("over"); });
  });
  form.addEventListener("drop", function (e) { if (e.dataTransfer.files.length) { send(form, e.dataTransfer.files); } });
  form.addEventListener("submit", function (e) {
    var input = document.getElementById("files");
    if (input.files.length) { e.preventDefault(); send(form, input.files); }
  });
}

function showSelected() {
  var selected = document.querySelector("#tree li.selected");
  if (selected) { selected.scrollIntoView({ block: "center" }); }
}

document.addEventListener("DOMContentLoaded", function () { dropZone(); watchRows(); watchWaiting(); showSelected(); });
