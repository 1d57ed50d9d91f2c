<?cs # The form engine's field editor (src/fieldedit.c, formview_field_*):
     shared by every designer.  Types lists the types the owner offers,
     FE.<type> is set for each; values come from Form.val, problems from
     Form.err.  Needs inc/form.cs. ?>
<?cs def:field_type_select() ?>
<div class="field<?cs if:Form.err.type ?> has-error<?cs /if ?>"><label for="f-type"><?cs var:L.svc.type ?></label><?cs if:Form.err.type ?><p class="error-message" id="e-type"><?cs var:Form.err.type ?></p><?cs /if ?><select id="f-type" name="type"><?cs each:t = Types ?><option value="<?cs var:t ?>"<?cs if:t == Form.val.type ?> selected<?cs /if ?>><?cs var:L.svc.ft[t] ?></option><?cs /each ?></select></div>
<?cs /def ?>
<?cs # a new field's first inputs: name, type, labels, options, required ?>
<?cs def:field_add_inputs() ?>
 <?cs call:field_input("name", L.svc.field_name, "text", L.svc.field_name_hint, "") ?>
 <?cs call:field_type_select() ?>
 <?cs call:field_input("label_en", L.svc.label_en, "text", "", "") ?>
 <?cs call:field_input("label_hi", L.svc.label_hi, "text", "", "") ?>
 <?cs call:field_textarea("options", L.svc.options, L.svc.options_hint) ?>
 <div class="field checks"><label><input type="checkbox" name="required" value="1" checked> <?cs var:L.svc.required ?></label></div>
<?cs /def ?>
<?cs # the properties only some types have: shown always (no JavaScript
     needed), used by the type they belong to ?>
<?cs def:field_type_extras() ?>
<?cs if:FE.computed ?>
<div class="field<?cs if:Form.err.compute_op ?> has-error<?cs /if ?>"><label for="f-compute_op"><?cs var:L.svc.compute_op ?> (<?cs var:L.svc.ft.computed ?>)</label><?cs if:Form.err.compute_op ?><p class="error-message" id="e-compute_op"><?cs var:Form.err.compute_op ?></p><?cs /if ?><select id="f-compute_op" name="compute_op"><?cs each:o = L.svc.op ?><option value="<?cs name:o ?>"<?cs if:name(o) == Form.val.compute_op ?> selected<?cs /if ?>><?cs var:o ?></option><?cs /each ?></select></div>
<?cs call:field_input("compute_of", L.svc.compute_of, "text", L.svc.compute_of_hint, "") ?>
<?cs /if ?>
<?cs if:FE.geopoint ?>
<?cs call:field_input("accuracy_max", L.svc.accuracy_max, "text", L.svc.accuracy_hint, "") ?>
<div class="field checks"><label><input type="checkbox" name="accuracy_flag" value="1"<?cs if:Form.val.accuracy_flag ?> checked<?cs /if ?>> <?cs var:L.svc.accuracy_flag ?></label></div>
<?cs /if ?>
<?cs if:FE.ref ?><?cs call:field_input("ref_kind", L.svc.ref_kind, "text", "", "") ?><?cs /if ?>
<?cs if:FE.user ?><?cs call:field_input("scope", L.svc.scope, "text", "", "") ?><?cs /if ?>
<?cs /def ?>
<?cs # an existing field's properties (its name stays): the editor's page of
     every designer ?>
<?cs def:field_edit_inputs() ?>
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
<?cs /def ?>
