<?cs set:Page.title = L.exam.admin_title ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?>
<h1><?cs var:L.exam.admin_title ?></h1>
<?cs if:subcount(Problems) ?><div class="error-summary" role="alert" id="problems"><h2><?cs var:L.exam.import_refused ?></h2><ul><?cs each:p = Problems ?><li id="e-<?cs var:p.field ?>"><?cs var:p.field ?>: <?cs var:p.text ?></li><?cs /each ?></ul></div><?cs /if ?>
<?cs if:Imported ?><div class="panel" role="status"><p><?cs var:L.exam.imported ?></p></div><?cs /if ?>
<div class="table-wrap" role="region" tabindex="0" aria-label="<?cs var:L.exam.admin_title ?>"><table id="exams"><thead><tr><th><?cs var:L.exam.code ?></th><th><?cs var:L.exam.title ?></th><th><?cs var:L.exam.audience ?></th><th><?cs var:L.exam.window ?></th><th><?cs var:L.exam.attempts ?></th><th><?cs var:L.exam.passes ?></th></tr></thead><tbody>
<?cs each:e = Exams ?><tr><td><a href="/admin/exams/<?cs var:e.code ?>"><?cs var:e.code ?></a></td><td><?cs var:e.title ?></td><td><?cs var:e.audience ?></td><td><?cs var:e.opens_at ?> – <?cs var:e.closes_at ?></td><td><?cs var:e.attempts ?></td><td><?cs var:e.passed ?></td></tr><?cs /each ?>
</tbody></table></div>
<h2><?cs var:L.exam.import ?></h2>
<form method="post" action="/admin/exams" enctype="multipart/form-data"><?cs call:csrf_field() ?>
 <?cs call:field_textarea("json", L.exam.import_json, L.exam.import_hint) ?>
 <div class="field"><label for="f-file"><?cs var:L.exam.import_file ?></label><input id="f-file" name="file" type="file" accept="application/json"></div>
 <button class="button"><?cs var:L.exam.import ?></button>
</form>
<?cs include:"inc/foot.cs" ?>
