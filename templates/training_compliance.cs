<?cs set:Page.title = L.training.compliance ?><?cs include:"inc/head.cs" ?>
<h1><?cs var:L.training.compliance ?></h1>
<p class="hint"><?cs var:L.training.compliance_hint ?></p>
<?cs include:"inc/trn_matrix.cs" ?>
<?cs include:"inc/foot.cs" ?>
