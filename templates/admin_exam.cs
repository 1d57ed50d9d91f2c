<?cs set:Page.title = Exam.title ?><?cs include:"inc/head.cs" ?>
<h1><?cs var:Exam.title ?></h1>
<p><a href="/admin/exams/<?cs var:Exam.code ?>/overrides"><?cs var:L.exam.overrides_link ?></a></p>
<h2><?cs var:L.exam.by_role ?></h2>
<div class="table-wrap" role="region" tabindex="0" aria-label="<?cs var:L.exam.by_role ?>"><table id="by-role"><thead><tr><th><?cs var:L.exam.role ?></th><th><?cs var:L.exam.people ?></th><th><?cs var:L.exam.passes ?></th><th><?cs var:L.exam.fails ?></th><th><?cs var:L.exam.in_progress ?></th></tr></thead><tbody>
<?cs each:g = Roles ?><tr><td><?cs var:g.name ?></td><td><?cs var:g.people ?></td><td><?cs var:g.passed ?></td><td><?cs var:g.failed ?></td><td><?cs var:g.open ?></td></tr><?cs /each ?>
</tbody></table></div>
<h2><?cs var:L.exam.by_district ?></h2>
<div class="table-wrap" role="region" tabindex="0" aria-label="<?cs var:L.exam.by_district ?>"><table id="by-district"><thead><tr><th><?cs var:L.exam.district ?></th><th><?cs var:L.exam.people ?></th><th><?cs var:L.exam.passes ?></th><th><?cs var:L.exam.fails ?></th><th><?cs var:L.exam.in_progress ?></th></tr></thead><tbody>
<?cs each:g = Places ?><tr><td><?cs var:g.name ?></td><td><?cs var:g.people ?></td><td><?cs var:g.passed ?></td><td><?cs var:g.failed ?></td><td><?cs var:g.open ?></td></tr><?cs /each ?>
</tbody></table></div>
<h2><?cs var:L.exam.items ?></h2>
<p class="hint"><?cs var:L.exam.items_hint ?></p>
<div class="table-wrap" role="region" tabindex="0" aria-label="<?cs var:L.exam.items ?>"><table id="items"><thead><tr><th><?cs var:L.exam.question ?></th><th><?cs var:L.exam.attempts ?></th><th><?cs var:L.exam.facility ?></th><th><?cs var:L.exam.discrimination ?></th></tr></thead><tbody>
<?cs each:i = Items ?><tr><td><?cs var:i.key ?> v<?cs var:i.version ?></td><td><?cs var:i.n ?></td><td><?cs var:i.facility ?>%</td><td><?cs var:i.discrimination ?>%</td></tr><?cs /each ?>
</tbody></table></div>
<?cs include:"inc/foot.cs" ?>
