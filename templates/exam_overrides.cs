<?cs set:Page.title = L.exam.overrides_title ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?>
<h1><?cs var:L.exam.overrides_title ?>: <?cs var:Exam.title ?></h1>
<?cs if:Saved ?><div class="panel" role="status"><p><?cs var:L.exam.overrides_saved ?> <?cs var:Saved ?></p></div><?cs /if ?>
<div class="table-wrap" role="region" tabindex="0" aria-label="<?cs var:L.exam.overrides_title ?>"><table id="overrides"><thead><tr><th><?cs var:L.exam.person ?></th><th><?cs var:L.exam.time_limit_min ?></th><th><?cs var:L.exam.max_attempts ?></th><th><?cs var:L.exam.closes ?></th><th><?cs var:L.exam.reason ?></th></tr></thead><tbody>
<?cs each:o = Overrides ?><tr><td><?cs var:o.name ?> (<?cs var:o.username ?>)</td><td><?cs var:o.minutes ?></td><td><?cs var:o.max_attempts ?></td><td><?cs var:o.closes_at ?></td><td><?cs var:o.reason ?></td></tr><?cs /each ?>
</tbody></table></div>
<h2><?cs var:L.exam.override_new ?></h2>
<form method="post" action="/admin/exams/<?cs var:Exam.code ?>/overrides"><?cs call:csrf_field() ?>
 <?cs call:field_textarea("users", L.exam.users, L.exam.users_hint) ?>
 <?cs call:field_input("time_limit_min", L.exam.time_limit_min, "text", L.exam.blank_keeps, "") ?>
 <?cs call:field_input("max_attempts", L.exam.max_attempts, "text", L.exam.blank_keeps, "") ?>
 <?cs call:field_input("closes_at", L.exam.closes, "text", L.exam.closes_hint, "") ?>
 <?cs call:field_input("reason", L.exam.reason, "text", "", "") ?>
 <button class="button"><?cs var:L.exam.override_save ?></button>
</form>
<p><a href="/admin/exams/<?cs var:Exam.code ?>"><?cs var:L.exam.back_report ?></a></p>
<?cs include:"inc/foot.cs" ?>
