// The editor's page: sends the draft to POST /v1/scans, shows the verdict,
// then the HTML report (the same renderer as `provcheck scan --format
// html`) in a sandboxed frame. No framework, nothing from the network.
(function () {
  "use strict";
  var form = document.getElementById("scan-form");
  var token = document.getElementById("token");
  var draft = document.getElementById("draft");
  var format = document.getElementById("format");
  var sign = document.getElementById("sign");
  var fileInput = document.getElementById("file");
  var clearFile = document.getElementById("clear-file");
  var drop = document.getElementById("drop");
  var dropLabel = document.getElementById("drop-label");
  var submit = document.getElementById("submit");
  var statusLine = document.getElementById("status");
  var result = document.getElementById("result");
  var verdict = document.getElementById("verdict");
  var summary = document.getElementById("summary");
  var frame = document.getElementById("report");
  var download = document.getElementById("download");
  var downloadJson = document.getElementById("download-json");
  var droppedFile = null;
  var urls = [];

  token.value = sessionStorage.getItem("provcheck-token") || "";

  function say(text, isError) {
    statusLine.textContent = text;
    statusLine.className = isError ? "error" : "";
  }

  function headers(extra) {
    var h = extra || {};
    if (token.value) h["Authorization"] = "Bearer " + token.value;
    return h;
  }

  function chosenFile() {
    return droppedFile || (fileInput.files.length ? fileInput.files[0] : null);
  }

  function showFile() {
    var f = chosenFile();
    clearFile.hidden = !f;
    dropLabel.textContent = f ? "File to check: " + f.name : "Or drop a file here (.docx .odt .md .txt .html .json):";
  }

  fileInput.addEventListener("change", function () { droppedFile = null; showFile(); });
  clearFile.addEventListener("click", function () {
    droppedFile = null;
    fileInput.value = "";
    showFile();
  });
  ["dragenter", "dragover"].forEach(function (name) {
    document.addEventListener(name, function (e) {
      e.preventDefault();
      drop.classList.add("over");
    });
  });
  document.addEventListener("dragleave", function () { drop.classList.remove("over"); });
  document.addEventListener("drop", function (e) {
    e.preventDefault();
    drop.classList.remove("over");
    if (e.dataTransfer && e.dataTransfer.files.length) {
      droppedFile = e.dataTransfer.files[0];
      showFile();
    }
  });

  function readError(response) {
    return response.text().then(function (body) {
      try {
        var e = JSON.parse(body).error;
        return e.message + " (" + e.code + ", HTTP " + response.status + ")";
      } catch (ignored) {
        return "HTTP " + response.status;
      }
    });
  }

  function fail(message) {
    say(message, true);
    submit.disabled = false;
  }

  function poll(id) {
    fetch("/v1/scans/" + encodeURIComponent(id), { headers: headers() }).then(function (r) {
      if (!r.ok) return readError(r).then(fail);
      return r.json().then(function (scan) {
        if (scan.status === "queued" || scan.status === "running") {
          say("Checking (" + scan.status + ")...");
          setTimeout(function () { poll(id); }, 400);
        } else {
          show(scan);
        }
      });
    }, function () { fail("The server could not be reached."); });
  }

  function blobLink(link, body, type, name) {
    urls.forEach(function (u) { URL.revokeObjectURL(u); });
    var url = URL.createObjectURL(new Blob([body], { type: type }));
    urls.push(url);
    link.href = url;
    link.download = name;
    link.hidden = false;
  }

  function show(scan) {
    submit.disabled = false;
    if (scan.status === "failed") return fail("The draft could not be checked: " + scan.error.message);
    var report = scan.report;
    result.hidden = false;
    verdict.textContent = report.verdict === "pass" ? "PASS" : "FAIL";
    verdict.className = "verdict " + report.verdict;
    var s = report.summary;
    summary.textContent = s.passages + (s.passages === 1 ? " passage" : " passages") +
      " found in the archive, " + Math.round(s.reused_share * 100) + "% of the draft" +
      (report.verdict === "fail" && report.reasons ? ". " + report.reasons.join("; ") : "") + ".";
    say("Checked " + scan.draft.name + ".");
    downloadJson.hidden = true;
    download.hidden = true;
    blobLink(downloadJson, JSON.stringify(report, null, 2), "application/json",
             "provcheck-" + scan.id + ".json");
    fetch(scan.links.html, { headers: headers() }).then(function (r) {
      if (!r.ok) return readError(r).then(fail);
      return r.text().then(function (html) { frame.srcdoc = html; });
    });
    if (scan.signed) {
      fetch(scan.links.signed, { headers: headers() }).then(function (r) {
        if (!r.ok) return readError(r).then(fail);
        return r.text().then(function (body) {
          blobLink(download, body, "application/json", "provcheck-" + scan.id + ".dsse.json");
        });
      });
    }
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    sessionStorage.setItem("provcheck-token", token.value);
    var file = chosenFile();
    var init = { method: "POST" };
    if (file) {
      var data = new FormData();
      data.append("file", file, file.name);
      data.append("sign", sign.checked ? "true" : "false");
      init.body = data;
      init.headers = headers();
    } else {
      if (!draft.value.trim()) return fail("Paste a draft or drop a file first.");
      init.body = JSON.stringify({ text: draft.value, format: format.value, sign: sign.checked });
      init.headers = headers({ "Content-Type": "application/json" });
    }
    submit.disabled = true;
    result.hidden = true;
    say("Checking...");
    fetch("/v1/scans?wait=true", init).then(function (r) {
      if (r.status !== 200 && r.status !== 202) return readError(r).then(fail);
      return r.json().then(function (scan) {
        if (r.status === 200) show(scan); else poll(scan.id);
      });
    }, function () { fail("The server could not be reached."); });
  });
})();
