/* Behaviour templates ask for with data attributes: no inline script or handler, so the
   Content-Security-Policy can forbid them (core/settings/base.py). */
document.addEventListener("click", function (e) {
  if (e.target.closest("[data-print]")) { e.preventDefault(); window.print(); }
});
document.addEventListener("change", function (e) {
  if (e.target.matches("[data-autosubmit]")) e.target.form.submit();
});
