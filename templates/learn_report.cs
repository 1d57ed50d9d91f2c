<?cs set:Page.title = L.learn.report ?><?cs include:"inc/head.cs" ?>
<h1><?cs var:L.learn.report ?></h1>
<?cs include:"inc/learn_report.cs" ?>
<?cs include:"inc/foot.cs" ?>
