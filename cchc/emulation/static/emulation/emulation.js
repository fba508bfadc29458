// Charts of the movement pages: <canvas data-emulation-chart="id"> draws the Chart.js config held in <script id="id">.
document.addEventListener("DOMContentLoaded", function () {
  if (typeof Chart === "undefined") return;
  Chart.defaults.locale = "vi-VN";
  Chart.defaults.font.family = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
  Chart.defaults.animation = false;
  document.querySelectorAll("canvas[data-emulation-chart]").forEach(function (canvas) {
    var holder = document.getElementById(canvas.dataset.emulationChart);
    if (holder) new Chart(canvas, JSON.parse(holder.textContent));
  });
});
