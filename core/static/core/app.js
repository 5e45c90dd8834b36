/* Behaviour templates ask for with data attributes: no inline script or handler, so the
   Content-Security-Policy can forbid them (core/settings/base.py). */
document.addEventListener("click", function (e) {
  if (e.target.closest("[data-print]")) { e.preventDefault(); window.print(); }
});
document.addEventListener("change", function (e) {
  if (e.target.matches("[data-autosubmit]")) e.target.form.submit();
});

/* Lists become one card per row below 640 px (app.css .as-cards): a table whose first row is all headers is a
   list; every cell gets its column's header as data-label, shown before the value on a card. */
function labelListTables(root) {
  root.querySelectorAll("main table").forEach(function (table) {
    var head = table.rows[0];
    if (!head || table.classList.contains("as-cards") || head.querySelector("td")) return;
    if (table.hasAttribute("data-keep-table")) return;  // figures to compare across (dashboards): scrolls instead
    var labels = Array.prototype.map.call(head.cells, function (th) { return th.textContent.trim(); });
    if (labels.length < 2) return;
    head.classList.add("head");
    Array.prototype.slice.call(table.rows, 1).forEach(function (row) {
      if (row.cells.length !== labels.length) return;  // an "empty" row spanning every column
      Array.prototype.forEach.call(row.cells, function (cell, i) {
        if (labels[i] && !cell.hasAttribute("data-label")) cell.setAttribute("data-label", labels[i]);
      });
    });
    table.classList.add("as-cards");
  });
}
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", function () { labelListTables(document); });
} else {
  labelListTables(document);
}
/* Irreversible actions (archive, close, cancel, end, void) ask first: a form or its submit button
   carries data-confirm="…question…" (issue 9 §3.12). */
document.addEventListener("submit", function (e) {
  var button = e.submitter, form = e.target;
  var text = (button && button.getAttribute("data-confirm")) || form.getAttribute("data-confirm");
  if (text && !window.confirm(text)) { e.preventDefault(); e.stopImmediatePropagation(); }
}, true);
