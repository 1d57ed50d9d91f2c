// exam.js — a countdown to the server's deadline on the exam pages.  Only a
// display: the server refuses answers after the deadline whatever this shows.
(function () {
  var p = document.getElementById('deadline');
  var out = document.getElementById('countdown');
  if (!p || !out) return;
  var left = parseInt(p.getAttribute('data-secs-left'), 10);
  if (isNaN(left)) return;
  var end = Date.now() + left * 1000;
  function tick() {
    var s = Math.max(0, Math.round((end - Date.now()) / 1000));
    var m = Math.floor(s / 60), r = s % 60;
    out.textContent = m + ':' + (r < 10 ? '0' : '') + r;
    if (s > 0) setTimeout(tick, 1000);
  }
  tick();
})();
