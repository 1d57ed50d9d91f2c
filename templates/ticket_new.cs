<?cs if:Kind == "grievance" ?><?cs set:Page.title = L.grievance.new ?><?cs else ?><?cs set:Page.title = L.ticket.raise ?><?cs /if ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?><?cs include:"inc/picker.cs" ?><?cs include:"inc/svcform.cs" ?>
<h1><?cs var:Page.title ?></h1>
<?cs if:Kind == "grievance" ?><p><?cs var:L.grievance.lead ?></p><?cs /if ?>
<?cs if:Fee ?><div class="notice"><p><?cs var:L.grievance.fee ?> <strong><?cs var:Fee ?></strong></p></div><?cs /if ?>
<form method="post" action="<?cs if:Kind == "grievance" ?>/grievance/new<?cs else ?>/tickets/new<?cs /if ?>" enctype="multipart/form-data" novalidate>
 <?cs call:csrf_field() ?>
 <div class="field<?cs if:Form.err.type ?> has-error<?cs /if ?>">
  <label for="f-type"><?cs var:L.ticket.type ?></label>
  <?cs if:Form.err.type ?><p class="error-message" id="e-type"><?cs var:Form.err.type ?></p><?cs /if ?>
  <select id="f-type" name="type"><option value=""><?cs var:L.loc.choose ?></option><?cs each:t = Types ?><option value="<?cs var:t.code ?>"<?cs if:t.code == Form.val.type ?> selected<?cs /if ?>><?cs if:Lang == "hi" ?><?cs var:t.type_hi ?> › <?cs var:t.main_hi ?> › <?cs var:t.name_hi ?><?cs else ?><?cs var:t.type_en ?> › <?cs var:t.main_en ?> › <?cs var:t.name_en ?><?cs /if ?></option><?cs /each ?></select>
 </div>
 <button class="button secondary" type="submit" name="show_form" value="1" formnovalidate><?cs var:L.ticket.show_form ?></button>
 <?cs include:"inc/ticket_help.cs" ?>
 <?cs if:subcount(Svc.fields) ?><fieldset class="field"><legend><?cs var:L.ticket.extra ?></legend><?cs each:f = Svc.fields ?><?cs call:svc_field(f) ?><?cs /each ?></fieldset><?cs /if ?>
 <div class="field<?cs if:Form.err.priority ?> has-error<?cs /if ?>">
  <label for="f-priority"><?cs var:L.ticket.priority ?></label>
  <p class="hint"><?cs var:L.ticket.priority_hint ?></p>
  <?cs if:Form.err.priority ?><p class="error-message"><?cs var:Form.err.priority ?></p><?cs /if ?>
  <select id="f-priority" name="priority"><option value=""><?cs var:L.ticket.priority_default ?></option><?cs loop:p = 1, 4, 1 ?><option value="<?cs var:p ?>"<?cs if:Form.val.priority == p ?> selected<?cs /if ?>><?cs var:L.ticket.prio[p] ?></option><?cs /loop ?></select>
 </div>
 <?cs call:picker(Picker.location, L.ticket.place) ?>
 <?cs if:subcount(Similar) ?><div class="notice" id="similar"><h2><?cs var:L.ticket.similar ?></h2><p><?cs var:L.ticket.similar_hint ?></p><ul><?cs each:t = Similar ?><li><a href="/tickets/<?cs var:t.number ?>"><?cs var:t.number ?></a>: <?cs var:t.subject ?> <span class="small">(<?cs var:t.status ?>, <?cs var:t.when ?>)</span></li><?cs /each ?></ul></div><?cs /if ?>
 <?cs call:field_input("subject", L.ticket.subject, "text", "", "") ?>
 <?cs call:field_textarea("body", L.ticket.body, L.ticket.body_hint) ?>
 <?cs if:Ask.mobile ?><?cs if:Kind == "grievance" ?><?cs call:field_input("mobile", L.grievance.mobile, "tel", L.grievance.mobile_hint, "mobile") ?><?cs else ?><?cs call:field_input("mobile", L.ticket.mobile, "tel", L.ticket.mobile_hint, "mobile") ?><?cs /if ?><?cs /if ?>
 <div class="field<?cs if:Form.err.link_kind ?> has-error<?cs /if ?>">
  <label for="f-link_kind"><?cs var:L.ticket.link ?></label>
  <p class="hint"><?cs var:L.ticket.optional ?></p>
  <?cs if:Form.err.link_kind ?><p class="error-message"><?cs var:Form.err.link_kind ?></p><?cs /if ?>
  <select id="f-link_kind" name="link_kind"><option value=""><?cs var:L.ticket.link_none ?></option><?cs each:k = L.ticket.link_kinds ?><option value="<?cs name:k ?>"<?cs if:Form.val.link_kind == name(k) ?> selected<?cs /if ?>><?cs var:k ?></option><?cs /each ?></select>
 </div>
 <?cs call:field_input("link_ref", L.ticket.link_ref, "text", L.ticket.optional, "") ?>
 <div class="field<?cs if:Form.err.file ?> has-error<?cs /if ?>"><label for="f-file"><?cs var:L.ticket.file ?></label><p class="hint"><?cs var:L.ticket.file_hint ?> <?cs var:MaxKB ?> KB.</p><?cs if:Form.err.file ?><p class="error-message" id="e-file"><?cs var:Form.err.file ?></p><?cs /if ?><input type="file" id="f-file" name="file" accept="application/pdf,image/jpeg,image/png"></div>
 <?cs if:Ask.assignee ?><?cs call:field_input("assignee", L.ticket.assignee, "text", L.ticket.assignee_hint, "") ?><?cs /if ?>
 <button class="button" type="submit"><?cs var:Page.title ?></button>
</form>
<?cs include:"inc/foot.cs" ?>
