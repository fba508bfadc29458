// Initiative pages: the running total of a scoring sheet, and the charts (each <canvas data-chart="id"> takes its
// Chart.js config from <script id="id">).
(function () {
  function parse(text) {
    var value = parseFloat(String(text || "").replace(",", "."));
    return isNaN(value) ? 0 : value;
  }
  function vn(value) {
    return (Math.round(value * 10) / 10).toString().replace(".", ",");
  }
  function sheet() {
    var total = document.getElementById("score-total");
    if (!total) return;
    var inputs = document.querySelectorAll("input.score-input");
    function update() {
      var sum = 0;
      inputs.forEach(function (input) {
        var value = parse(input.value);
        var max = parse(input.dataset.max);
        input.classList.toggle("is-invalid", value < 0 || value > max);
        sum += value;
      });
      total.textContent = vn(sum);
    }
    inputs.forEach(function (input) { input.addEventListener("input", update); });
    update();
  }
  function charts() {
    if (typeof Chart === "undefined") return;
    Chart.defaults.locale = "vi-VN";
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var source = document.getElementById(canvas.dataset.chart);
      if (!source) return;
      var config = JSON.parse(source.textContent);
      config.options = config.options || {};
      config.options.animation = false;
      new Chart(canvas, config);
    });
  }
  document.addEventListener("DOMContentLoaded", function () { sheet(); charts(); });
})();
