<?cs set:Page.title = L.survey.versions_title ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?>
<p><a href="/surveys/<?cs var:Survey.id ?>"><?cs var:Survey.title ?></a></p>
<h1><?cs var:L.survey.versions_title ?>: <?cs var:Survey.title ?> (<?cs var:Survey.code ?>)</h1>
<?cs if:Done == "draft" ?><div class="notice" role="status"><p><?cs var:L.survey.draft_saved ?></p></div><?cs elif:Done == "published" ?><div class="notice" role="status"><p><?cs var:L.survey.published ?></p></div><?cs /if ?>
<?cs if:Survey.status != "open" ?><p class="notice"><?cs var:L.survey.closed ?></p><?cs /if ?>
<div class="table-wrap"><table id="versions"><thead><tr><th><?cs var:L.survey.version ?></th><th><?cs var:L.survey.status ?></th><th><?cs var:L.survey.made_at ?></th><th><?cs var:L.survey.published_at ?></th><th><?cs var:L.survey.by ?></th><th></th></tr></thead><tbody>
<?cs each:v = Versions ?><tr data-version="<?cs var:v.id ?>"><td><?cs var:v.version ?></td><td><?cs var:L.survey.vstate[v.status] ?></td><td><?cs var:v.created_at ?></td><td><?cs var:v.published_at ?></td><td><?cs var:v.by ?></td>
<td><a href="/surveys/<?cs var:Survey.id ?>/versions/<?cs var:v.id ?>/preview"><?cs var:L.survey.preview ?></a><?cs if:v.status == "draft" && Can.edit ?>
<form method="post" action="/surveys/<?cs var:Survey.id ?>/versions/<?cs var:v.id ?>/publish" class="inline"><?cs call:csrf_field() ?><button class="button secondary"><?cs var:L.survey.publish ?></button></form><?cs /if ?></td></tr><?cs /each ?>
</tbody></table></div>
<?cs if:Can.edit ?>
<h2 id="edit"><?cs var:L.survey.edit ?></h2>
<p class="hint"><?cs var:L.survey.edit_hint ?></p>
<?cs if:subcount(Problems) ?><div class="notice warning" id="problems"><ul><?cs each:p = Problems ?><li><?cs var:p ?></li><?cs /each ?></ul></div><?cs /if ?>
<form method="post" action="/surveys/<?cs var:Survey.id ?>/versions" class="panel"><?cs call:csrf_field() ?>
 <div class="field<?cs if:Form.err.form ?> has-error<?cs /if ?>"><label for="f-form"><?cs var:L.survey.form ?></label>
 <p class="hint"><?cs var:L.survey.form_hint ?></p>
 <?cs if:Form.err.form ?><p class="error-message" id="e-form"><?cs var:Form.err.form ?></p><?cs /if ?>
 <textarea id="f-form" name="form" rows="16" class="code"><?cs var:Form.val.form ?></textarea></div>
 <button class="button"><?cs var:L.survey.save_draft ?></button>
</form>
<p class="small"><?cs var:L.survey.publish_hint ?></p>
<?cs /if ?>
<?cs include:"inc/foot.cs" ?>
