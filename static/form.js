/* GramSewa service forms: show or hide conditional fields as answers
   change.  Without JavaScript every field stays visible and the server
   ignores answers to fields whose condition is not met. */
(function () {
  'use strict';
  var deps = document.querySelectorAll('[data-show-field]');
  if (!deps.length) return;
  function value(name) {
    var el = document.querySelector('[name="' + name + '"]:checked') ||
             document.querySelector('select[name="' + name + '"], input[name="' + name + '"]:not([type=radio]):not([type=checkbox])');
    return el ? el.value : '';
  }
  function update() {
    deps.forEach(function (d) {
      d.hidden = value(d.getAttribute('data-show-field')) !== d.getAttribute('data-show-equals');
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
