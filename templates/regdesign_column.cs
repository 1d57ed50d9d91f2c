<?cs if:F.name ?><?cs set:Page.title = F.name ?><?cs else ?><?cs set:Page.title = L.register.design.add_column ?><?cs /if ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?><?cs include:"inc/field_editor.cs" ?>
<p class="small"><a class="back" href="/admin/registers/<?cs var:url_escape(D.code) ?>/design"><?cs var:D.name ?></a></p>
<?cs if:F.name ?>
<h1><?cs var:L.svc.edit_field ?> <code><?cs var:F.name ?></code></h1>
<form method="post" action="/admin/registers/<?cs var:url_escape(D.code) ?>/columns/<?cs var:F.name ?>" novalidate><?cs call:csrf_field() ?><input type="hidden" name="action" value="save">
 <?cs call:field_edit_inputs() ?>
 <button class="button"><?cs var:L.form.save ?></button>
</form>
<?cs else ?>
<h1><?cs var:L.register.design.add_column ?></h1>
<form method="post" action="/admin/registers/<?cs var:url_escape(D.code) ?>/columns" novalidate><?cs call:csrf_field() ?>
 <?cs call:field_add_inputs() ?>
 <?cs call:field_type_extras() ?>
 <button class="button"><?cs var:L.register.design.add_column ?></button>
</form>
<?cs /if ?>
<?cs include:"inc/foot.cs" ?>
