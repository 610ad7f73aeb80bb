// Search as you type on list pages. A GET form marked data-live is sent by itself a
// moment after the user stops typing (or at once when a choice changes), and only the
// results (#resultaten) are swapped in, so the focus stays in the field and the URL
// keeps the filter. Without JavaScript the form's "Filter" button does the same.
(function () {
  'use strict';
  var form = document.querySelector('form[data-live]');
  var results = document.getElementById('resultaten');
  var count = document.getElementById('aantal');
  if (!form || !results || !window.fetch || !window.URLSearchParams || !window.DOMParser) return;
  var timer = null;
  var latest = 0;

  function target() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (value !== '') params.append(name, value);
    });
    var query = params.toString();
    return form.getAttribute('action') + (query ? '?' + query : '');
  }

  function update() {
    clearTimeout(timer);
    var url = target();
    var mine = ++latest;
    fetch(url, { credentials: 'same-origin', headers: { Accept: 'text/html' } })
      .then(function (res) {
        if (!res.ok) throw new Error('HTTP ' + res.status);
        return res.text();
      })
      .then(function (text) {
        if (mine !== latest) return; // a newer answer is on its way
        var doc = new DOMParser().parseFromString(text, 'text/html');
        var fresh = doc.getElementById('resultaten');
        var freshCount = doc.getElementById('aantal');
        if (!fresh) throw new Error('no results in the answer');
        results.replaceWith(fresh);
        results = fresh;
        if (count && freshCount) count.textContent = freshCount.textContent;
        history.replaceState(null, '', url);
      })
      .catch(function () {
        form.submit();
      });
  }

  form.addEventListener('input', function (e) {
    if (e.target.matches('input[type=text], input[type=search]')) {
      clearTimeout(timer);
      timer = setTimeout(update, 300);
    }
  });
  form.addEventListener('change', function (e) {
    if (e.target.matches('select, input[type=date]')) update();
  });
})();
