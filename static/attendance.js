/* GramSewa attendance: take one GPS fix when the VLE presses the button
   (never in the background) and send it with the form; or, on the BI's
   reference point page, fill the capture fields.  Without JavaScript the
   page explains that GPS needs it (or the app) and offers the "no GPS"
   check-in, which a BI reviews. */
(function () {
  'use strict';
  if (!('geolocation' in navigator)) return;
  var texts = document.getElementById('geo-texts');
  var status = document.getElementById('geo-status');
  function say(key) { if (status && texts) status.textContent = texts.getAttribute('data-' + key) || ''; }
  document.querySelectorAll('.js-only').forEach(function (el) { el.hidden = false; });
  function fix(done) {
    say('wait');
    navigator.geolocation.getCurrentPosition(function (p) {
      done(p);
    }, function (e) {
      say(e && e.code === 1 ? 'denied' : 'none');
    }, { enableHighAccuracy: true, maximumAge: 0, timeout: 30000 });
  }
  function set(id, v) { var el = document.getElementById(id); if (el) el.value = v; }
  function fill(p) {
    set('f-lat', p.coords.latitude.toFixed(6));
    set('f-lon', p.coords.longitude.toFixed(6));
    set('f-accuracy_m', Math.round(p.coords.accuracy));
    set('f-fix_at', new Date(p.timestamp || Date.now()).toISOString());
  }
  var form = document.querySelector('form[data-geo="checkin"]');
  if (form) {
    form.addEventListener('submit', function (ev) {
      if (document.getElementById('f-lat').value) return;
      ev.preventDefault();
      fix(function (p) { fill(p); form.submit(); });
    });
  }
  var capture = document.getElementById('capture-gps');
  if (capture) {
    capture.addEventListener('click', function () { fix(function (p) { fill(p); say('none'); status.textContent = ''; }); });
  }
})();
