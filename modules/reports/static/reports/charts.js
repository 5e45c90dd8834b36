/* Charts of the monthly report pages (C-18). Each `.chart[data-chart=ID]` is drawn from the JSON block
   #ID ({"title", "kind": "bar"|"pie", "rows": [[label, value], ...]}) when Apache ECharts is loaded
   (window.echarts, the vendored file); without it nothing happens and the table under the chart stays the
   figures' only form. No inline script (CSP). */
(function () {
  "use strict";

  function option(spec) {
    var labels = spec.rows.map(function (r) { return r[0]; });
    var values = spec.rows.map(function (r) { return r[1]; });
    if (spec.kind === "pie") {
      return {
        tooltip: { trigger: "item" },
        legend: { type: "scroll", bottom: 0 },
        series: [{ type: "pie", radius: ["35%", "65%"],
                   data: spec.rows.map(function (r) { return { name: r[0], value: r[1] }; }) }]
      };
    }
    return {
      tooltip: { trigger: "axis" },
      grid: { left: 40, right: 10, top: 20, bottom: 60 },
      xAxis: { type: "category", data: labels, axisLabel: { interval: 0, rotate: labels.length > 5 ? 30 : 0 } },
      yAxis: { type: "value", minInterval: 1 },
      series: [{ type: "bar", data: values }]
    };
  }

  function draw() {
    if (!window.echarts) { return; }
    var charts = [];
    document.querySelectorAll(".chart[data-chart]").forEach(function (el) {
      var source = document.getElementById(el.getAttribute("data-chart"));
      if (!source) { return; }
      var spec;
      try { spec = JSON.parse(source.textContent); } catch (e) { return; }
      if (!spec.rows || !spec.rows.length) { return; }
      var chart = window.echarts.init(el);
      chart.setOption(option(spec));
      el.classList.add("drawn");
      charts.push(chart);
    });
    window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
}());
