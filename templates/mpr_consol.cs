<?cs set:Page.title = Mpr.name ?><?cs include:"inc/head.cs" ?>
<p><a href="/mpr"><?cs var:L.mpr.title ?></a></p>
<h1><?cs var:Mpr.name ?> — <?cs var:Place.name ?></h1>
<?cs include:"inc/mpr_grid.cs" ?>
<?cs include:"inc/foot.cs" ?>
