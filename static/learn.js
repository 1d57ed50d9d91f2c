// learn.js — progress beacons from the video player (where JavaScript runs;
// without it the page's "Mark as done" button records completion).
(function () {
  var v = document.getElementById('player');
  if (!v) return;
  var id = v.getAttribute('data-item'), csrf = v.getAttribute('data-csrf'), sent = -1;
  function send(pct) {
    if (pct <= sent) return;
    sent = pct;
    var body = new URLSearchParams({ csrf: csrf, pct: String(pct), beacon: '1' });
    if (navigator.sendBeacon) navigator.sendBeacon('/learn/' + id + '/progress', body);
    else fetch('/learn/' + id + '/progress', { method: 'POST', body: body, credentials: 'same-origin' });
  }
  v.addEventListener('timeupdate', function () {
    if (!v.duration) return;
    var pct = Math.floor(100 * v.currentTime / v.duration / 10) * 10;
    if (pct > sent) send(pct);
  });
  v.addEventListener('ended', function () { send(100); });
})();
