/* An office job's page: poll the job's status in the API and show its progress; when the job has
   finished, reload the page once, which shows the link to the new office (and the one-time password). */
(function () {
  var box = document.getElementById("office-job");
  if (!box || box.dataset.finished === "1" || !window.fetch) return;
  var status = document.getElementById("job-status"), progress = document.getElementById("job-progress"),
      steps = document.getElementById("job-steps");
  function poll() {
    fetch(box.dataset.statusUrl, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (job) {
        if (!job) { setTimeout(poll, 5000); return; }
        status.textContent = job.status_label;
        progress.value = job.steps_done;
        progress.max = job.steps_total;
        steps.textContent = job.steps_done + " / " + job.steps_total;
        if (job.status === "done" || job.status === "failed") { window.location.reload(); return; }
        setTimeout(poll, 1000);
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 1000);
})();
