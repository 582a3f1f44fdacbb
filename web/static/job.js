// A background upload's status page: asks the JSON twin for news until the job is settled
// (finished, and every article it stored searchable).
"use strict";
(function () {
  var job = document.getElementById("job");
  if (!job || job.dataset.finished === "true" || !window.fetch) {
    return;
  }
  var url = job.dataset.statusUrl;
  var POLL_MS = 1500;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function row(report) {
    var tr = element("tr", "status-" + report.status);
    tr.appendChild(element("td", "file", report.file));
    var status = element("td", "status");
    status.appendChild(element("span", "badge badge-" + report.status, report.status));
    tr.appendChild(status);
    var detail = element("td", "detail");
    if (report.status === "failed") {
      detail.textContent = report.reason || "could not be read";
    } else if (report.archive_url) {
      var link = element("a", "", report.title || "the article");
      link.href = report.archive_url;
      detail.appendChild(link);
      if (report.status !== "duplicate") {
        detail.appendChild(element("span", "hint", report.searchable ? " · searchable" : " · being indexed"));
      }
    }
    tr.appendChild(detail);
    return tr;
  }

  function show(status) {
    document.getElementById("job-state").textContent = status.status;
    document.getElementById("job-done").textContent = status.done;
    document.getElementById("job-total").textContent = status.total;
    var bar = document.getElementById("job-progress");
    bar.max = status.total || 1;
    bar.value = status.done;
    var entries = document.getElementById("job-entries");
    entries.hidden = !status.progress;
    document.getElementById("job-entries-text").textContent = status.progress || "";
    var summary = status.summary || "";
    document.getElementById("job-summary").textContent = summary ? summary.charAt(0).toUpperCase() + summary.slice(1) + "." : "";
    var rows = document.getElementById("job-rows");
    rows.textContent = "";
    status.files.forEach(function (report) { rows.appendChild(row(report)); });
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (status) {
        show(status);
        if (!status.settled) {
          window.setTimeout(poll, POLL_MS);
        } else {
          job.dataset.finished = "true";
        }
      })
      .catch(function () { window.setTimeout(poll, POLL_MS * 2); });
  }
  window.setTimeout(poll, POLL_MS);
})();
