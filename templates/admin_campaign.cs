<?cs set:Page.title = C.code ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?><?cs include:"inc/picker.cs" ?><?cs include:"inc/svcform.cs" ?><?cs include:"inc/field_editor.cs" ?>
<?cs # One campaign's definition (src/page_campaign_admin.c): status, questions through the field editor (a draft's), settings. ?>
<p><a href="/admin/campaigns"><?cs var:L.campaign.def.title ?></a> · <a href="/campaigns/<?cs var:C.id ?>"><?cs var:L.campaign.def.report ?></a></p>
<h1><?cs if:Lang == "hi" ?><?cs var:C.name_hi ?><?cs else ?><?cs var:C.name_en ?><?cs /if ?> <code class="small"><?cs var:C.code ?></code></h1>
<p><?cs var:L.campaign.def.status ?>: <strong><?cs var:L.campaign.def.st[C.status] ?></strong></p>
<form method="post" action="/admin/campaigns/<?cs var:C.id ?>/status"><?cs call:csrf_field() ?>
<?cs if:C.status != "active" ?><button class="button" name="to" value="active"><?cs var:L.campaign.def.activate ?></button><?cs /if ?>
<?cs if:C.status == "active" ?><button class="button warning" name="to" value="closed"><?cs var:L.campaign.def.close ?></button><?cs /if ?>
</form>
<h2><?cs var:L.campaign.questions ?></h2>
<div class="table-wrap"><table><thead><tr><th><?cs var:L.campaign.question ?></th><th><?cs var:L.svc.type ?></th><th></th></tr></thead><tbody>
<?cs each:q = Q ?><tr><td><?cs var:q.label ?><br><code class="small"><?cs var:q.name ?></code><?cs if:q.cond ?> <span class="small"><?cs var:L.svc.shown_when ?> <?cs var:q.cond ?></span><?cs /if ?></td><td><?cs var:q.type ?></td><td><a href="/admin/campaigns/<?cs var:C.id ?>?edit=<?cs var:q.name ?>#edit"><?cs var:L.campaign.def.edit_question ?></a><?cs if:C.status == "draft" ?> <form class="inline" method="post" action="/admin/campaigns/<?cs var:C.id ?>/questions"><?cs call:csrf_field() ?><input type="hidden" name="action" value="remove"><input type="hidden" name="name" value="<?cs var:q.name ?>"><button class="link"><?cs var:L.svc.delete ?></button></form><?cs /if ?></td></tr><?cs /each ?>
<?cs if:!subcount(Q) ?><tr><td colspan="3" class="none-yet"><?cs var:L.none_yet ?></td></tr><?cs /if ?></tbody></table></div>
<?cs if:Edit ?>
<h3 id="edit"><?cs var:L.campaign.def.edit_question ?>: <code><?cs var:Edit ?></code></h3>
<p class="hint"><?cs if:C.status == "draft" ?><?cs var:L.campaign.def.edit_draft_hint ?><?cs else ?><?cs var:L.campaign.def.edit_wording_hint ?><?cs /if ?></p>
<form method="post" action="/admin/campaigns/<?cs var:C.id ?>/questions" novalidate><?cs call:csrf_field() ?><input type="hidden" name="action" value="edit"><input type="hidden" name="name" value="<?cs var:Edit ?>">
 <?cs call:field_type_select() ?>
 <?cs call:field_input("label_en", L.svc.label_en, "text", "", "") ?>
 <?cs call:field_input("label_hi", L.svc.label_hi, "text", "", "") ?>
 <?cs call:field_textarea("options", L.svc.options, L.svc.options_hint) ?>
 <div class="field checks"><label><input type="checkbox" name="required" value="1"<?cs if:Form.val.required ?> checked<?cs /if ?>> <?cs var:L.svc.required ?></label></div>
 <?cs call:field_input("show_field", L.svc.show_field, "text", L.svc.show_hint, "") ?><?cs call:field_input("show_equals", L.svc.show_equals, "text", "", "") ?>
 <?cs call:field_type_extras() ?>
 <button class="button"><?cs var:L.campaign.def.save_question ?></button> <a href="/admin/campaigns/<?cs var:C.id ?>"><?cs var:L.campaign.def.cancel_edit ?></a>
</form>
<?cs elif:C.status == "draft" ?>
<h3><?cs var:L.campaign.def.add_question ?></h3>
<form method="post" action="/admin/campaigns/<?cs var:C.id ?>/questions" novalidate><?cs call:csrf_field() ?><input type="hidden" name="action" value="add">
 <?cs call:field_add_inputs() ?>
 <?cs call:field_input("show_field", L.svc.show_field, "text", L.svc.show_hint, "") ?><?cs call:field_input("show_equals", L.svc.show_equals, "text", "", "") ?>
 <?cs call:field_type_extras() ?>
 <button class="button"><?cs var:L.campaign.def.add_question ?></button>
</form>
<?cs else ?><p class="hint"><?cs var:L.campaign.def.questions_fixed ?></p><?cs /if ?>
<?cs if:subcount(Svc.fields) ?><h3><?cs var:L.svc.preview_h ?></h3>
<div class="preview card"><?cs each:f = Svc.fields ?><?cs call:svc_field(f) ?><?cs /each ?></div><?cs /if ?>
<h2><?cs var:L.campaign.def.settings ?></h2>
<form method="post" action="/admin/campaigns/<?cs var:C.id ?>" novalidate><?cs call:csrf_field() ?>
 <?cs include:"inc/campaign_settings.cs" ?>
 <button class="button"><?cs var:L.form.save ?></button>
</form>
<?cs include:"inc/foot.cs" ?>
