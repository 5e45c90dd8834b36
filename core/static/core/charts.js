/* Charts of the dashboards (issue 10 §5), drawn with the vendored Apache ECharts (static/vendor/echarts).
   An element <div class="chart" data-chart-url="/api/v1/…" data-chart="KEY"> is drawn from the JSON the
   URL returns: its `charts[KEY]` = {type: "line"|"bar", percent, horizontal, categories, series: [{name,
   data}]} (modules/dashboards/charts.py). Every chart keeps the server-rendered table under it: a failed
   request or a missing library leaves the table alone. No inline script (CSP): loaded as a static file. */
(function () {
  "use strict";
  var requests = {};
  var drawn = [];

  function fetchJson(url) {
    if (!requests[url]) {
      requests[url] = fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
        .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); });
    }
    return requests[url];
  }

  function percent(v) { return v === null || v === undefined ? "—" : (v * 100).toFixed(1) + "%"; }

  function option(spec, narrow) {
    var valueAxis = {type: "value", axisLabel: spec.percent ? {formatter: function (v) { return Math.round(v * 100) + "%"; }} : {}};
    if (spec.percent) { valueAxis.min = 0; valueAxis.max = 1; } else { valueAxis.minInterval = 1; }
    var categoryAxis = {type: "category", data: spec.categories,
                        axisLabel: {hideOverlap: true, rotate: narrow && !spec.horizontal && spec.categories.length > 6 ? 45 : 0,
                                    width: spec.horizontal ? (narrow ? 90 : 160) : undefined, overflow: "truncate"}};
    if (spec.horizontal) categoryAxis.inverse = true;  // the first (the top office) on top
    return {
      animation: false,
      tooltip: {trigger: "axis", valueFormatter: spec.percent ? percent : undefined},
      legend: {show: spec.series.length > 1, type: "scroll", top: 0},
      grid: {left: 8, right: 16, top: spec.series.length > 1 ? 32 : 12, bottom: 8, containLabel: true},
      xAxis: spec.horizontal ? valueAxis : categoryAxis,
      yAxis: spec.horizontal ? categoryAxis : valueAxis,
      series: spec.series.map(function (s) {
        return {name: s.name, type: spec.type, data: s.data, connectNulls: false, showSymbol: true};
      })
    };
  }

  function draw(el, json) {
    var spec = json && json.charts && json.charts[el.getAttribute("data-chart")];
    if (!spec || !window.echarts) return;
    var chart = window.echarts.init(el, null, {renderer: "canvas"});
    chart.setOption(option(spec, el.clientWidth < 480));
    el.setAttribute("data-drawn", "1");
    drawn.push({chart: chart, el: el, spec: spec});
  }

  function start() {
    document.querySelectorAll("[data-chart-url][data-chart]").forEach(function (el) {
      fetchJson(el.getAttribute("data-chart-url")).then(function (json) { draw(el, json); })
        .catch(function () { el.hidden = true; });  // the table under it still gives every number
    });
  }

  var pending = null;
  window.addEventListener("resize", function () {  // phones turned, windows resized (down to 390 px)
    if (pending) window.clearTimeout(pending);
    pending = window.setTimeout(function () {
      drawn.forEach(function (d) { d.chart.setOption(option(d.spec, d.el.clientWidth < 480), true); d.chart.resize(); });
    }, 150);
  });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
