<?cs set:Page.title = L.admin.services ?><?cs include:"inc/head.cs" ?><?cs include:"inc/table.cs" ?><?cs include:"inc/form.cs" ?>
<h1><?cs var:L.admin.services ?></h1>
<?cs if:ImportRefused ?><div class="error-summary" role="alert"><h2><?cs var:L.svc.import_refused ?></h2><ul><?cs each:p = Problems ?><li><?cs var:p ?></li><?cs /each ?></ul></div><?cs /if ?>
<?cs call:region(Page.title) ?><table><thead><tr><th><?cs var:L.svc.code ?></th><th><?cs var:L.loc.name ?></th><th><?cs var:L.svc.published_v ?></th><th><?cs var:L.svc.draft_v ?></th><th><?cs var:L.loc.status ?></th></tr></thead><tbody>
<?cs each:s = Rows ?><tr><td><a href="/admin/services/<?cs var:s.code ?>"><?cs var:s.code ?></a></td><td><?cs if:Lang == "hi" ?><?cs var:s.name_hi ?><?cs else ?><?cs var:s.name_en ?><?cs /if ?></td>
<td><?cs if:s.published != "0" ?>v<?cs var:s.published ?><?cs else ?>—<?cs /if ?></td><td><?cs if:s.draft != "0" ?>v<?cs var:s.draft ?><?cs else ?>—<?cs /if ?></td>
<td><?cs if:s.status == "active" ?><span class="tag green"><?cs var:L.loc.active ?></span><?cs else ?><span class="tag grey"><?cs var:L.svc.retired ?></span><?cs /if ?></td></tr><?cs /each ?>
<?cs if:!subcount(Rows) ?><tr><td colspan="5" class="none-yet"><?cs var:L.none_yet ?></td></tr><?cs /if ?></tbody></table></div>
<h2 id="new"><?cs var:L.svc.new ?></h2>
<form method="post" action="/admin/services" novalidate>
 <?cs call:csrf_field() ?>
 <?cs call:field_input("code", L.svc.code, "text", L.svc.code_hint, "") ?>
 <?cs call:field_input("name_en", L.svc.name_en, "text", "", "") ?>
 <?cs call:field_input("name_hi", L.svc.name_hi, "text", "", "") ?>
 <div class="field<?cs if:Form.err.dept ?> has-error<?cs /if ?>"><label for="f-dept"><?cs var:L.svc.dept ?></label>
 <?cs if:Form.err.dept ?><p class="error-message"><?cs var:Form.err.dept ?></p><?cs /if ?>
 <select id="f-dept" name="dept"><?cs each:d = Depts ?><option value="<?cs var:d.code ?>"<?cs if:d.code == Form.val.dept ?> selected<?cs /if ?>><?cs var:d.name ?></option><?cs /each ?></select></div>
 <button class="button" type="submit"><?cs var:L.svc.create ?></button>
</form>
<h2 id="import"><?cs var:L.svc.import ?></h2>
<form method="post" action="/admin/services/import" enctype="multipart/form-data">
 <?cs call:csrf_field() ?>
 <div class="field"><label for="f-file"><?cs var:L.svc.import_file ?></label><input id="f-file" type="file" name="file" accept="application/json"></div>
 <div class="field checks"><label><input type="checkbox" name="publish" value="1"> <?cs var:L.svc.import_publish ?></label></div>
 <button class="button secondary" type="submit"><?cs var:L.svc.import ?></button>
</form>
<?cs include:"inc/foot.cs" ?>
