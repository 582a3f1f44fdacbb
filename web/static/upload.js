// The upload page: files from the picker or dropped on the page, sent one request per file
// with its own progress bar, then a report row per article. Many files, a large upload, or a
// ZIP go in one request to a background job, and the page moves to that job's status page.
// A file the server chose to process in the background (it was busy) links to its job.
"use strict";
(function () {
  var form = document.getElementById("upload-form");
  if (!form || !window.FormData || !window.XMLHttpRequest) {
    return;
  }
  var input = document.getElementById("files");
  var dropzone = document.getElementById("dropzone");
  var chosenNote = document.getElementById("chosen");
  var section = document.getElementById("upload-progress");
  var rows = document.getElementById("upload-rows");
  var summary = document.getElementById("upload-summary");
  var button = document.getElementById("upload-button");
  var maxBytes = Number(form.dataset.maxBytes);
  var maxFiles = Number(form.dataset.maxFiles);
  var backgroundFiles = Number(form.dataset.backgroundFiles);
  var inlineBytes = Number(form.dataset.inlineBytes);
  var chosen = [];
  var PARALLEL = 2;

  function megabytes(bytes) {
    return (bytes / 1048576).toFixed(1) + " MB";
  }

  function isZip(file) {
    return /\.zip$/i.test(file.name);
  }

  function showChosen() {
    if (!chosen.length) {
      chosenNote.textContent = "";
      return;
    }
    var total = chosen.reduce(function (sum, file) { return sum + file.size; }, 0);
    chosenNote.textContent = chosen.length + (chosen.length === 1 ? " file" : " files") +
      " chosen (" + megabytes(total) + "): " +
      chosen.slice(0, 5).map(function (file) { return file.name; }).join(", ") +
      (chosen.length > 5 ? ", …" : "");
  }

  input.addEventListener("change", function () {
    chosen = Array.prototype.slice.call(input.files);
    showChosen();
  });

  ["dragenter", "dragover"].forEach(function (name) {
    dropzone.addEventListener(name, function (event) {
      event.preventDefault();
      dropzone.classList.add("dragging");
    });
  });
  ["dragleave", "drop"].forEach(function (name) {
    dropzone.addEventListener(name, function () {
      dropzone.classList.remove("dragging");
    });
  });
  dropzone.addEventListener("drop", function (event) {
    event.preventDefault();
    var dropped = Array.prototype.slice.call(event.dataTransfer.files || []);
    chosen = chosen.concat(dropped);
    showChosen();
  });

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

  function addRow(file) {
    var row = element("tr");
    row.appendChild(element("td", "file", file.name));
    var cell = element("td", "progress");
    var bar = element("progress");
    bar.max = file.size || 1;
    bar.value = 0;
    cell.appendChild(bar);
    row.appendChild(cell);
    var result = element("td", "detail", "waiting");
    row.appendChild(result);
    rows.appendChild(row);
    return { bar: bar, result: result, file: file };
  }

  function showFailure(row, message) {
    row.bar.value = row.bar.max;
    row.result.textContent = "";
    row.result.appendChild(element("span", "badge badge-failed", "failed"));
    row.result.appendChild(document.createTextNode(" " + message));
  }

  function showReports(row, reports) {
    row.bar.value = row.bar.max;
    row.result.textContent = "";
    reports.forEach(function (report, index) {
      if (index > 0) {
        row.result.appendChild(element("br"));
      }
      row.result.appendChild(element("span", "badge badge-" + report.status, report.status));
      row.result.appendChild(document.createTextNode(" "));
      if (report.status === "failed") {
        row.result.appendChild(document.createTextNode(report.reason || "could not be read"));
        return;
      }
      if (report.archive_url) {
        var link = element("a", "", report.title || "the article");
        link.href = report.archive_url;
        row.result.appendChild(link);
      }
      if (report.status !== "duplicate") {
        row.result.appendChild(element("span", "hint", report.searchable ? " · searchable" : " · being indexed"));
      }
    });
  }

  function options() {
    var data = new FormData();
    ["source", "published", "timezone"].forEach(function (name) {
      var field = form.elements.namedItem(name);
      if (field && field.value.trim()) {
        data.append(name, field.value.trim());
      }
    });
    return data;
  }

  function send(files, background, onProgress) {
    return new Promise(function (resolve) {
      var data = options();
      files.forEach(function (file) { data.append("files", file, file.name); });
      if (background) {
        data.append("background", "1");
      }
      var request = new XMLHttpRequest();
      request.open("POST", form.action);
      request.setRequestHeader("Accept", "application/json");
      request.setRequestHeader("X-CSRF-Token", form.elements.namedItem("csrf_token").value);
      request.responseType = "json";
      request.upload.addEventListener("progress", function (event) {
        if (event.lengthComputable) {
          onProgress(event.loaded, event.total);
        }
      });
      request.addEventListener("load", function () {
        var body = request.response || {};
        if (request.status >= 200 && request.status < 300) {
          resolve({ ok: true, body: body });
        } else {
          resolve({ ok: false, message: body.error || ("the server answered " + request.status) });
        }
      });
      request.addEventListener("error", function () {
        resolve({ ok: false, message: "the connection failed; try again" });
      });
      request.send(data);
    });
  }

  function showJob(row, answer) {
    row.bar.value = row.bar.max;
    row.result.textContent = "";
    row.result.appendChild(element("span", "badge badge-queued", "in the background"));
    row.result.appendChild(document.createTextNode(" "));
    var link = element("a", "", "follow its progress");
    link.href = answer.status_url;
    row.result.appendChild(link);
  }

  var counts = {};

  function count(reports) {
    reports.forEach(function (report) {
      counts[report.status] = (counts[report.status] || 0) + 1;
    });
    summary.textContent = Object.keys(counts).map(function (status) {
      return counts[status] + " " + status;
    }).join(", ");
  }

  function uploadOneByOne(list) {
    var queue = list.slice();
    function next() {
      var row = queue.shift();
      if (!row) {
        return Promise.resolve();
      }
      if (row.file.size > maxBytes) {
        showFailure(row, "too large: the limit is " + megabytes(maxBytes) + " per upload");
        count([{ status: "failed" }]);
        return next();
      }
      row.result.textContent = "sending";
      return send([row.file], false, function (loaded, total) {
        row.bar.max = total;
        row.bar.value = loaded;
        if (loaded >= total) {
          row.result.textContent = "reading the article…";
        }
      }).then(function (answer) {
        if (answer.ok && answer.body.job) {
          showJob(row, answer.body);
          count([{ status: "in the background" }]);
        } else if (answer.ok) {
          showReports(row, answer.body.files || []);
          count(answer.body.files || []);
        } else {
          showFailure(row, answer.message);
          count([{ status: "failed" }]);
        }
        return next();
      });
    }
    var workers = [];
    for (var i = 0; i < PARALLEL; i += 1) {
      workers.push(next());
    }
    return Promise.all(workers);
  }

  function uploadInBackground(list) {
    // One request: the bytes sent so far tell which file is on its way.
    var sizes = list.map(function (row) { return row.file.size; });
    return send(list.map(function (row) { return row.file; }), true, function (loaded, total) {
      var payload = sizes.reduce(function (a, b) { return a + b; }, 0);
      var sent = loaded * payload / total;
      list.forEach(function (row, index) {
        var before = sizes.slice(0, index).reduce(function (a, b) { return a + b; }, 0);
        row.bar.value = Math.max(0, Math.min(row.file.size, sent - before));
        row.result.textContent = sent >= before + row.file.size ? "sent" : "sending";
      });
    }).then(function (answer) {
      if (answer.ok && answer.body.status_url) {
        summary.textContent = answer.body.message || "Received; opening the status page…";
        window.location.assign(answer.body.status_url);
      } else {
        list.forEach(function (row) { showFailure(row, answer.message || "not accepted"); });
      }
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!chosen.length) {
      chosenNote.textContent = "Choose or drop at least one file first.";
      return;
    }
    if (chosen.length > maxFiles) {
      chosenNote.textContent = "Too many files: at most " + maxFiles + " in one upload.";
      return;
    }
    var total = chosen.reduce(function (sum, file) { return sum + file.size; }, 0);
    var background = chosen.length > backgroundFiles || total > inlineBytes || chosen.some(isZip);
    if (background && total > maxBytes) {
      chosenNote.textContent = "Too large: at most " + megabytes(maxBytes) + " in one upload.";
      return;
    }
    section.hidden = false;
    rows.textContent = "";
    counts = {};
    summary.textContent = "";
    button.disabled = true;
    var list = chosen.map(addRow);
    chosen = [];
    input.value = "";
    showChosen();
    var done = background ? uploadInBackground(list) : uploadOneByOne(list);
    done.then(function () {
      button.disabled = false;
      if (!background) {
        summary.textContent += summary.textContent ? ". Done." : "Done.";
        form.dispatchEvent(new CustomEvent("archive:uploaded"));
      }
    });
  });
})();
