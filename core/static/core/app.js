/* Behaviour templates ask for with data attributes: no inline script or handler, so the
   Content-Security-Policy can forbid them (core/settings/base.py). */
document.addEventListener("click", function (e) {
  if (e.target.closest("[data-print]")) { e.preventDefault(); window.print(); }
});
document.addEventListener("change", function (e) {
  if (e.target.matches("[data-autosubmit]")) e.target.form.submit();
});
/* Irreversible actions (archive, close, cancel, end, void) ask first: a form or its submit button
   carries data-confirm="…question…" (issue 9 §3.12). */
document.addEventListener("submit", function (e) {
  var button = e.submitter, form = e.target;
  var text = (button && button.getAttribute("data-confirm")) || form.getAttribute("data-confirm");
  if (text && !window.confirm(text)) { e.preventDefault(); e.stopImmediatePropagation(); }
}, true);
