<?cs set:Page.title = Err.title ?><?cs include:"inc/head.cs" ?>
<h1><?cs var:Err.title ?></h1>
<p class="lead"><?cs var:Err.text ?></p>
<p><a class="button" href="/"><?cs var:L.err.home ?></a></p>
<p class="small"><?cs var:L.err.ref ?>: <code><?cs var:Err.ref ?></code> (<?cs var:Err.code ?>)</p>
<?cs include:"inc/foot.cs" ?>
