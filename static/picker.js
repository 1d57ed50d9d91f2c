/* GramSewa location picker: progressive enhancement.  Without this file the
   "Update list" buttons reload the form from the server; with it, choosing a
   district fills the blocks in place from /api/v1/locations. */
(function () {
  'use strict';
  var levels = ['district', 'block', 'panchayat', 'village'];
  function fill(sel, items, placeholder) {
    while (sel.options.length) sel.remove(0);
    sel.add(new Option(placeholder, ''));
    items.forEach(function (it) {
      var hi = document.documentElement.lang === 'hi' && it.name_hi;
      sel.add(new Option(hi ? it.name_hi : it.name_en, String(it.id)));
    });
    sel.disabled = items.length === 0;
  }
  document.querySelectorAll('[data-picker]').forEach(function (box) {
    var name = box.getAttribute('data-picker');
    box.querySelectorAll('.picker-refresh').forEach(function (b) { b.hidden = true; });
    levels.forEach(function (lv, i) {
      var sel = box.querySelector('select[name="' + name + '_' + lv + '"]');
      if (!sel) return;
      sel.addEventListener('change', function () {
        for (var j = i + 1; j < levels.length; j++) {
          var below = box.querySelector('select[name="' + name + '_' + levels[j] + '"]');
          if (below) fill(below, [], below.getAttribute('data-placeholder') || '');
        }
        var next = box.querySelector('select[name="' + name + '_' + levels[i + 1] + '"]');
        if (!next || !sel.value) return;
        fetch('/api/v1/locations?type=' + levels[i + 1] + '&within=' + encodeURIComponent(sel.value) + '&limit=1000')
          .then(function (r) { return r.json(); })
          .then(function (j) { fill(next, j.items || [], next.getAttribute('data-placeholder') || ''); });
      });
    });
  });
})();
