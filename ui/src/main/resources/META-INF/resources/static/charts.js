// Draws every .chart[data-chart] with ECharts: {title, categories, series:[{name,type,data,stack?}]}.
document.addEventListener('DOMContentLoaded', function () {
  if (!window.echarts) { return; }
  document.querySelectorAll('.chart[data-chart]').forEach(function (el) {
    var spec;
    try { spec = JSON.parse(el.getAttribute('data-chart')); } catch (e) { return; }
    var chart = echarts.init(el, null, { renderer: 'svg' });
    chart.setOption({
      title: { text: spec.title, textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'axis' },
      legend: { top: 24 },
      grid: { top: 64, left: 48, right: 16, bottom: 32 },
      xAxis: { type: 'category', data: spec.categories },
      yAxis: { type: 'value' },
      color: ['#b3261e', '#b35c00', '#6b5b00', '#0b5cad'],
      series: spec.series
    });
    el.setAttribute('data-drawn', 'true');
    window.addEventListener('resize', function () { chart.resize(); });
  });
});
