</main>
<footer class="foot"><div class="wrap">
 <p><?cs var:L.footer.line ?></p>
 <p><a href="/services"><?cs var:L.nav.services ?></a> · <a href="/track"><?cs var:L.nav.track ?></a> · <a href="/verify"><?cs var:L.nav.verify ?></a> · <a href="/transparency"><?cs var:L.nav.transparency ?></a></p>
</div></footer>
<?cs if:Page.picker ?><script src="/static/picker.js" defer></script><?cs /if ?>
<?cs if:Page.svcform ?><script src="/static/form.js" defer></script><?cs /if ?>
<?cs if:Page.att_js ?><script src="/static/attendance.js" defer></script><?cs /if ?>
<?cs if:Page.exam_js ?><script src="/static/exam.js" defer></script><?cs /if ?>
<?cs if:Page.learn_js ?><script src="/static/learn.js" defer></script><?cs /if ?>
<?cs if:Page.leaflet ?><script src="/javascript/leaflet/leaflet.js" defer></script><script src="/javascript/leaflet/leaflet.markercluster.js" defer></script><script src="/static/attendance-map.js" defer></script><?cs /if ?>
</body>
</html>
