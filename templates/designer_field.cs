<?cs set:Page.title = F.name ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?><?cs include:"inc/field_editor.cs" ?>
<p class="small"><a class="back" href="/admin/services/<?cs var:D.code ?>/fields"><?cs var:D.name ?></a></p>
<h1><?cs var:L.svc.edit_field ?> <code><?cs var:F.name ?></code></h1>
<form method="post" action="/admin/services/<?cs var:D.code ?>/fields/<?cs var:F.name ?>/edit" novalidate><?cs call:csrf_field() ?><input type="hidden" name="action" value="save">
 <?cs call:field_edit_inputs() ?>
 <button class="button"><?cs var:L.form.save ?></button>
</form>
<?cs include:"inc/foot.cs" ?>
