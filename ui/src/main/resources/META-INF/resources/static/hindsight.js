// Hindsight UI behaviour. Loaded as a file (the Content-Security-Policy forbids inline scripts).
document.addEventListener('DOMContentLoaded', function () {
  // htmx requests carry the CSRF token of the page, read from the meta element when present
  var meta = document.querySelector('meta[name="csrf-token"]');
  if (meta && window.htmx) {
    document.body.addEventListener('htmx:configRequest', function (event) {
      event.detail.headers['X-CSRF-TOKEN'] = meta.getAttribute('content');
    });
  }
});
