<?cs set:Page.title = F.name ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?><?cs include:"inc/field_editor.cs" ?>
<p class="small"><a class="back" href="/admin/services/<?cs var:D.code ?>/fields"><?cs var:D.name ?></a></p>
<h1><?cs var:L.svc.edit_field ?> <code><?cs var:F.name ?></code></h1>
<form method="post" action="/admin/services/<?cs var:D.code ?>/fields/<?cs var:F.name ?>/edit" novalidate><?cs call:csrf_field() ?><input type="hidden" name="action" value="save">
 <?cs call:field_type_select() ?>
 <?cs call:field_input("label_en", L.svc.label_en, "text", "", "") ?><?cs call:field_input("label_hi", L.svc.label_hi, "text", "", "") ?>
 <?cs call:field_input("help_en", L.svc.help_en, "text", L.hr.optional, "") ?><?cs call:field_input("help_hi", L.svc.help_hi, "text", L.hr.optional, "") ?>
 <div class="field checks"><label><input type="checkbox" name="required" value="1"<?cs if:Form.val.required ?> checked<?cs /if ?>> <?cs var:L.svc.required ?></label></div>
 <?cs call:field_input("min", L.svc.min, "text", L.svc.number_hint_money, "") ?><?cs call:field_input("max", L.svc.max, "text", L.svc.number_hint_money, "") ?>
 <?cs call:field_input("min_length", L.svc.min_length, "text", "", "") ?><?cs call:field_input("max_length", L.svc.max_length, "text", "", "") ?>
 <?cs call:field_input("pattern", L.svc.pattern, "text", L.svc.pattern_hint, "") ?>
 <?cs call:field_input("min_date", L.svc.min_date, "text", L.svc.date_hint, "") ?><?cs call:field_input("max_date", L.svc.max_date, "text", L.svc.date_hint, "") ?>
 <?cs call:field_textarea("options", L.svc.options, L.svc.options_hint) ?>
 <?cs call:field_input("default", L.svc.default, "text", L.hr.optional, "") ?>
 <?cs call:field_input("show_field", L.svc.show_field, "text", L.svc.show_hint, "") ?><?cs call:field_input("show_equals", L.svc.show_equals, "text", "", "") ?>
 <?cs call:field_type_extras() ?>
 <button class="button"><?cs var:L.form.save ?></button>
</form>
<?cs include:"inc/foot.cs" ?>
