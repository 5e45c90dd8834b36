/* The roster import pages (issue 9 §3.8). A form marked data-disable-on-submit disables its buttons once
   sent (no second click, no second job). A job's page (#roster-job) polls the job in the API and moves
   its progress bar; when the job has finished it reloads once, which shows the result. */
(function () {
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (!form.matches("[data-disable-on-submit]") || e.defaultPrevented) return;
    setTimeout(function () {  // after the submitter's name/value has been taken into the request
      Array.prototype.forEach.call(form.querySelectorAll("button, input[type=submit]"), function (b) {
        b.disabled = true;
        if (b.dataset.busyLabel) b.textContent = b.dataset.busyLabel;
      });
    }, 0);
  });
  var box = document.getElementById("roster-job");
  if (!box || box.dataset.finished === "1" || !window.fetch) return;
  var status = document.getElementById("job-status"), bar = document.getElementById("job-progress"),
      count = document.getElementById("job-count");
  function poll() {
    fetch(box.dataset.statusUrl, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (job) {
        if (!job) { setTimeout(poll, 5000); return; }
        status.textContent = job.status_label;
        if (job.rows_total) { bar.max = job.rows_total; bar.value = job.rows_done; }
        count.textContent = job.rows_done + " / " + (job.rows_total || "…");
        if (job.finished) { window.location.reload(); return; }
        setTimeout(poll, 1000);
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 1000);
})();
