/* GramSewa service forms: show or hide conditional fields as answers
   change.  Without JavaScript every field stays visible and the server
   ignores answers to fields whose condition is not met. */
(function () {
  'use strict';
  /* a geopoint field: "Use my location" fills latitude, longitude,
     accuracy and the fix time from the phone's GPS (the server checks
     them; without JavaScript they are typed in) */
  if ('geolocation' in navigator) {
    document.querySelectorAll('[data-geo-use]').forEach(function (b) {
      var p = b.getAttribute('data-geo-use');
      function set(part, v) { var el = document.getElementById('f-' + p + '__' + part); if (el) el.value = v; }
      b.parentNode.hidden = false;
      b.addEventListener('click', function () {
        navigator.geolocation.getCurrentPosition(function (pos) {
          set('lat', pos.coords.latitude.toFixed(6));
          set('lon', pos.coords.longitude.toFixed(6));
          set('accuracy_m', Math.round(pos.coords.accuracy));
          set('fix_at', new Date(pos.timestamp || Date.now()).toISOString());
          set('source', 'gps');
        }, function () {}, { enableHighAccuracy: true, maximumAge: 0, timeout: 30000 });
      });
    });
  }
  var deps = document.querySelectorAll('[data-show-field]');
  if (!deps.length) return;
  function value(name) {
    var el = document.querySelector('[name="' + name + '"]:checked') ||
             document.querySelector('select[name="' + name + '"], input[name="' + name + '"]:not([type=radio]):not([type=checkbox])');
    return el ? el.value : '';
  }
  /* ticked boxes of a list: shown when the value is among them (as the
     server's form_shown decides) */
  function shown(name, want) {
    var ticked = document.querySelectorAll('input[type=checkbox][name="' + name + '"]:checked');
    for (var i = 0; i < ticked.length; i++) if (ticked[i].value === want) return true;
    return ticked.length ? false : value(name) === want;
  }
  function update() {
    deps.forEach(function (d) {
      d.hidden = !shown(d.getAttribute('data-show-field'), d.getAttribute('data-show-equals'));
    });
  }
  document.addEventListener('change', update);
  update();
})();
/* The error summary takes the focus when the page arrives (autofocus does
   it in current browsers; this is for the others). */
(function () {
  'use strict';
  var s = document.getElementById('error-summary');
  if (s && document.activeElement !== s) s.focus();
})();
