</main>
<footer class="foot"><div class="wrap">
 <p class="helpline"><?cs var:L.footer.help ?>: <a href="tel:<?cs var:Site.helpline_tel ?>"><?cs var:Site.helpline ?></a></p>
 <p><?cs var:L.footer.line ?></p>
 <p><a href="/services"><?cs var:L.nav.services ?></a> · <a href="/track"><?cs var:L.nav.track ?></a> · <a href="/verify"><?cs var:L.nav.verify ?></a> · <a href="/transparency"><?cs var:L.nav.transparency ?></a></p>
 <nav aria-label="<?cs var:L.footer.support ?>"><p><a href="/accessibility"><?cs var:L.footer.a11y ?></a> · <a href="/privacy"><?cs var:L.footer.privacy ?></a></p></nav>
</div></footer>
<?cs if:Page.picker ?><script src="/static/picker.js" defer></script><?cs /if ?>
<?cs if:Page.svcform || Form.has_errors ?><script src="/static/form.js" defer></script><?cs /if ?>
<?cs if:Page.att_js ?><script src="/static/attendance.js" defer></script><?cs /if ?>
<?cs if:Page.exam_js ?><script src="/static/exam.js" defer></script><?cs /if ?>
<?cs if:Page.learn_js ?><script src="/static/learn.js" defer></script><?cs /if ?>
<?cs if:Page.leaflet ?><script src="/javascript/leaflet/leaflet.js" defer></script><script src="/javascript/leaflet/leaflet.markercluster.js" defer></script><script src="/static/attendance-map.js" defer></script><?cs /if ?>
<?cs if:Page.points_map ?><script src="/javascript/leaflet/leaflet.js" defer></script><script src="/static/points-map.js" defer></script><?cs /if ?>
</body>
</html>
