/* The reply form shows the signature only for a home visit, the letter only for a written reply. */
(function () {
  document.querySelectorAll("#action-reply select[name$='-method']").forEach(function (select) {
    function sync() {
      select.form.querySelectorAll(".signature, .field-signature_scan").forEach(function (el) { el.hidden = select.value !== "home_visit"; });
      select.form.querySelectorAll(".field-letter_text").forEach(function (el) { el.hidden = select.value !== "written"; });
    }
    select.addEventListener("change", sync); sync();
  });
})();
