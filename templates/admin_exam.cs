<?cs set:Page.title = Exam.title ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?>
<h1><?cs var:Exam.title ?><?cs if:Report.place_name ?>: <?cs var:Report.place_name ?><?cs /if ?></h1>
<?cs if:Done ?><div class="panel" role="status"><p><?cs var:L.exam.reset_given ?></p></div><?cs /if ?>
<?cs if:Exam.admin ?><p><a href="/admin/exams/<?cs var:Exam.code ?>/overrides"><?cs var:L.exam.overrides_link ?></a></p><?cs /if ?>
<?cs if:Report.up ?><p><a id="up" href="<?cs var:Report.up ?>"><?cs var:L.exam.place_up ?></a></p><?cs /if ?>
<h2><?cs var:L.exam.by_role ?></h2>
<div class="table-wrap" role="region" tabindex="0" aria-label="<?cs var:L.exam.by_role ?>"><table id="by-role"><thead><tr><th><?cs var:L.exam.role ?></th><th><?cs var:L.exam.people ?></th><th><?cs var:L.exam.passes ?></th><th><?cs var:L.exam.fails ?></th><th><?cs var:L.exam.in_progress ?></th></tr></thead><tbody>
<?cs each:g = Roles ?><tr><td><?cs var:g.name ?></td><td><?cs var:g.people ?></td><td><?cs var:g.passed ?></td><td><?cs var:g.failed ?></td><td><?cs var:g.open ?></td></tr><?cs /each ?>
</tbody></table></div>
<h2><?cs var:L.exam.by_place ?></h2>
<div class="table-wrap" role="region" tabindex="0" aria-label="<?cs var:L.exam.by_place ?>"><table id="by-place"><thead><tr><th><?cs var:L.exam.place ?></th><th><?cs var:L.exam.people ?></th><th><?cs var:L.exam.passes ?></th><th><?cs var:L.exam.fails ?></th><th><?cs var:L.exam.in_progress ?></th></tr></thead><tbody>
<?cs each:g = Places ?><tr><td><a href="?place=<?cs var:g.id ?>"><?cs var:g.name ?></a></td><td><?cs var:g.people ?></td><td><?cs var:g.passed ?></td><td><?cs var:g.failed ?></td><td><?cs var:g.open ?></td></tr><?cs /each ?>
</tbody></table></div>
<h2><?cs var:L.exam.distribution ?></h2>
<div class="table-wrap" role="region" tabindex="0" aria-label="<?cs var:L.exam.distribution ?>"><table id="distribution"><thead><tr><th><?cs var:L.exam.score ?></th><th><?cs var:L.exam.people ?></th></tr></thead><tbody>
<?cs each:b = Bands ?><tr><td><?cs var:b.range ?></td><td><?cs var:b.n ?></td></tr><?cs /each ?>
</tbody></table></div>
<h2><?cs var:L.exam.not_yet_passed ?></h2>
<div class="table-wrap" role="region" tabindex="0" aria-label="<?cs var:L.exam.not_yet_passed ?>"><table id="not-passed"><thead><tr><th><?cs var:L.exam.person ?></th><th><?cs var:L.exam.role ?></th><th><?cs var:L.exam.place ?></th><th><?cs var:L.exam.attempts ?></th><?cs if:Report.can_reset ?><th><?cs var:L.exam.reset ?></th><?cs /if ?></tr></thead><tbody>
<?cs each:m = Missing ?><tr><td><?cs var:m.name ?> (<?cs var:m.username ?>)</td><td><?cs var:m.roles ?></td><td><?cs var:m.place ?></td><td><?cs var:m.attempts ?></td><?cs if:Report.can_reset ?><td><?cs if:m.reset ?><?cs var:L.exam.reset_used ?><?cs elif:m.attempts > 0 && !m.open ?>
 <form method="post" action="/exams/<?cs var:Exam.code ?>/reset"><?cs call:csrf_field() ?><input type="hidden" name="user" value="<?cs var:m.username ?>"><input type="hidden" name="place" value="<?cs var:Report.place ?>">
 <label for="f-reason-<?cs var:m.username ?>"><?cs var:L.exam.reason ?></label> <input id="f-reason-<?cs var:m.username ?>" name="reason" maxlength="300" required> <button class="button secondary"><?cs var:L.exam.reset ?></button></form><?cs /if ?></td><?cs /if ?></tr><?cs /each ?>
</tbody></table></div>
<h2><?cs var:L.exam.items ?></h2>
<p class="hint"><?cs var:L.exam.items_hint ?></p>
<div class="table-wrap" role="region" tabindex="0" aria-label="<?cs var:L.exam.items ?>"><table id="items"><thead><tr><th><?cs var:L.exam.question ?></th><th><?cs var:L.exam.attempts ?></th><th><?cs var:L.exam.facility ?></th><th><?cs var:L.exam.discrimination ?></th></tr></thead><tbody>
<?cs each:i = Items ?><tr><td><?cs var:i.key ?> v<?cs var:i.version ?></td><td><?cs var:i.n ?></td><td><?cs var:i.facility ?>%</td><td><?cs var:i.discrimination ?>%</td></tr><?cs /each ?>
</tbody></table></div>
<?cs include:"inc/foot.cs" ?>
