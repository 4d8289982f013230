// Hindsight UI behaviour. Loaded as a file (the Content-Security-Policy forbids inline scripts).
(function () {
  function pad(n) { return n < 10 ? '0' + n : '' + n; }

  // "next update in 12:34" / "overdue by 01:02", from the due time the server rendered
  function tickCountdowns() {
    var now = Date.now();
    document.querySelectorAll('.countdown[data-due]').forEach(function (el) {
      var due = Date.parse(el.getAttribute('data-due'));
      if (isNaN(due)) { return; }
      var seconds = Math.round((due - now) / 1000);
      var abs = Math.abs(seconds);
      var text = pad(Math.floor(abs / 60)) + ':' + pad(abs % 60);
      el.textContent = seconds >= 0 ? 'in ' + text : 'overdue by ' + text;
      el.classList.toggle('is-overdue', seconds < 0);
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    tickCountdowns();
    setInterval(tickCountdowns, 1000);
  });
})();
