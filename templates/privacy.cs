<?cs set:Page.title = L.privacy.title ?><?cs include:"inc/head.cs" ?>
<h1><?cs var:L.privacy.title ?></h1>
<p class="lead"><?cs var:L.privacy.lead ?></p>
<h2><?cs var:L.privacy.what_h ?></h2>
<ul class="list"><li><?cs var:L.privacy.what1 ?></li><li><?cs var:L.privacy.what2 ?></li><li><?cs var:L.privacy.what3 ?></li><li><?cs var:L.privacy.what4 ?></li><li><?cs var:L.privacy.what5 ?></li></ul>
<h2><?cs var:L.privacy.why_h ?></h2>
<p><?cs var:L.privacy.why ?></p>
<h2><?cs var:L.privacy.who_h ?></h2>
<ul class="list"><li><?cs var:L.privacy.who1 ?></li><li><?cs var:L.privacy.who2 ?></li><li><?cs var:L.privacy.who3 ?></li><li><?cs var:L.privacy.who4 ?></li></ul>
<h2><?cs var:L.privacy.cookies_h ?></h2>
<p><?cs var:L.privacy.cookies ?></p>
<h2><?cs var:L.privacy.rights_h ?></h2>
<p><?cs var:L.privacy.rights ?></p>
<p class="helpline"><?cs var:L.footer.help ?>: <a href="tel:<?cs var:Site.helpline_tel ?>"><?cs var:Site.helpline ?></a></p>
<?cs include:"inc/foot.cs" ?>
