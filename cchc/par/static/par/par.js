// Charts of the PAR Index: each <canvas data-chart="id"> takes its Chart.js config from <script id="id">.
(function () {
  function draw() {
    if (typeof Chart === "undefined") return;
    Chart.defaults.locale = "vi-VN";
    Chart.defaults.font.family = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var source = document.getElementById(canvas.dataset.chart);
      if (!source) return;
      var config = JSON.parse(source.textContent);
      config.options = config.options || {};
      config.options.animation = false;
      new Chart(canvas, config);
    });
  }
  // Mark sheet rows the user changed, so a long form shows what will be saved.
  function watch() {
    document.querySelectorAll("table.par-sheet").forEach(function (table) {
      table.addEventListener("input", function (e) {
        var row = e.target.closest("tr");
        if (row) row.classList.add("changed");
      });
      table.addEventListener("change", function (e) {
        var row = e.target.closest("tr");
        if (row) row.classList.add("changed");
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { draw(); watch(); });
})();
