<?cs set:Page.title = L.home.title ?><?cs include:"inc/head.cs" ?>
<h1><?cs var:L.home.h1 ?></h1>
<p class="lead"><?cs var:L.home.lead ?></p>
<div class="cards">
 <a class="card" href="/services"><h2><?cs var:L.home.apply ?></h2><p><?cs var:L.home.apply_text ?></p></a>
 <a class="card" href="/track"><h2><?cs var:L.home.track ?></h2><p><?cs var:L.home.track_text ?></p></a>
 <a class="card" href="/verify"><h2><?cs var:L.home.verify ?></h2><p><?cs var:L.home.verify_text ?></p></a>
</div>
<?cs include:"inc/foot.cs" ?>
