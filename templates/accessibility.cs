<?cs set:Page.title = L.a11y.title ?><?cs include:"inc/head.cs" ?>
<h1><?cs var:L.a11y.title ?></h1>
<p class="lead"><?cs var:L.a11y.lead ?></p>
<h2><?cs var:L.a11y.how_h ?></h2>
<ul class="list"><li><?cs var:L.a11y.how1 ?></li><li><?cs var:L.a11y.how2 ?></li><li><?cs var:L.a11y.how3 ?></li><li><?cs var:L.a11y.how4 ?></li><li><?cs var:L.a11y.how5 ?></li></ul>
<h2><?cs var:L.a11y.test_h ?></h2>
<p><?cs var:L.a11y.test ?></p>
<h2><?cs var:L.a11y.known_h ?></h2>
<ul class="list"><li><?cs var:L.a11y.known1 ?></li><li><?cs var:L.a11y.known2 ?></li></ul>
<h2><?cs var:L.a11y.report_h ?></h2>
<p><?cs var:L.a11y.report ?></p>
<p class="helpline"><?cs var:L.footer.help ?>: <a href="tel:<?cs var:Site.helpline_tel ?>"><?cs var:Site.helpline ?></a></p>
<p><?cs var:L.a11y.csc ?></p>
<?cs include:"inc/foot.cs" ?>
