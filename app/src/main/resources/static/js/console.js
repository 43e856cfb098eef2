// Outdial console: CSRF for htmx, confirmations, and charts drawn with uPlot from JSON the page
// carries (<script type="application/json">), so no inline script is needed.
(function () {
  "use strict";

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : null;
  }

  document.addEventListener("htmx:configRequest", function (event) {
    var token = csrfToken();
    if (token) {
      event.detail.headers["X-CSRF-TOKEN"] = token;
    }
  });

  // Forms and buttons with data-confirm ask before they act.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  }, true);

  var palette = ["#177245", "#c98a00", "#7a8699", "#7b4fd6", "#b42318", "#3346d3"];

  function drawChart(element) {
    if (element.dataset.drawn || typeof uPlot === "undefined") {
      return;
    }
    var source = document.getElementById(element.dataset.chart);
    if (!source) {
      return;
    }
    var spec = JSON.parse(source.textContent);
    element.dataset.drawn = "true";
    var xs = spec.days.map(function (day) {
      return Date.parse(day + "T00:00:00Z") / 1000;
    });
    var series = [{ label: "Day", value: function (u, v) { return v == null ? "" : new Date(v * 1000).toISOString().slice(0, 10); } }];
    var data = [xs];
    spec.series.forEach(function (s, i) {
      series.push({
        label: s.label,
        stroke: palette[i % palette.length],
        fill: palette[i % palette.length] + "22",
        width: 2,
        points: { show: xs.length < 40 }
      });
      data.push(s.values);
    });
    var width = Math.max(280, element.clientWidth);
    var chart = new uPlot({
      width: width,
      height: 260,
      series: series,
      scales: { x: { time: true } },
      axes: [{}, { label: spec.unit || "" }],
      // Days are UTC midnights of the zone the counts were made in; show them as such.
      tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"); }
    }, data, element);
    window.addEventListener("resize", function () {
      chart.setSize({ width: Math.max(280, element.clientWidth), height: 260 });
    });
  }

  function drawAll(root) {
    (root || document).querySelectorAll("[data-chart]").forEach(drawChart);
  }

  document.addEventListener("DOMContentLoaded", function () { drawAll(document); });
  document.addEventListener("htmx:afterSettle", function (event) { drawAll(event.target); });
})();
