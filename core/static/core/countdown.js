/* Live countdowns on .countdown[data-due] elements, in the page's language: the words come from the
   script tag's data attributes (core/_countdown.html: the complaint queue, the workbench), the same as the server-rendered text. */
(function () {
  var F = document.currentScript.dataset;
  function n(fmt, v) { return fmt.replace("{n}", v); }
  function label(ms) {
    var late = ms < 0, m = Math.floor(Math.abs(ms) / 60000), d = Math.floor(m / 1440), h = Math.floor((m % 1440) / 60), mm = m % 60;
    var t = (d ? n(F.days, d) : "") + (h || d ? n(F.hours, h) : "") + n(F.mins, (mm < 10 ? "0" : "") + mm);
    return (late ? F.late : F.left).replace("{t}", t);
  }
  var soon = Number(F.soonMinutes || 0) * 60000;
  function tick() {
    document.querySelectorAll(".countdown[data-due]").forEach(function (el) {
      var ms = new Date(el.dataset.due) - new Date();
      el.textContent = label(ms);
      el.classList.toggle("overdue", ms < 0);
      el.classList.toggle("due-soon", ms >= 0 && ms < soon);
    });
  }
  tick(); setInterval(tick, 30000);
})();
