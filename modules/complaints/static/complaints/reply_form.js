/* The reply form shows the signature only for a home visit, the letter for a written reply or a written complaint. */
(function () {
  document.querySelectorAll("#action-reply select[name$='-method']").forEach(function (select) {
    function sync() {
      select.form.querySelectorAll(".signature, .field-signature_scan").forEach(function (el) { el.hidden = select.value !== "home_visit"; });
      select.form.querySelectorAll(".field-letter_text").forEach(function (el) { el.hidden = select.value !== "written" && !el.querySelector("[data-always]"); });
    }
    select.addEventListener("change", sync); sync();
  });
})();
