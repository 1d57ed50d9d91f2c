<?cs set:Page.title = L.ticket.raise ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?><?cs include:"inc/picker.cs" ?>
<h1><?cs var:L.ticket.raise ?></h1>
<form method="post" action="/tickets/new" novalidate>
 <?cs call:csrf_field() ?>
 <div class="field<?cs if:Form.err.type ?> has-error<?cs /if ?>">
  <label for="f-type"><?cs var:L.ticket.type ?></label>
  <?cs if:Form.err.type ?><p class="error-message" id="e-type"><?cs var:Form.err.type ?></p><?cs /if ?>
  <select id="f-type" name="type"><option value=""><?cs var:L.loc.choose ?></option><?cs each:t = Types ?><option value="<?cs var:t.code ?>"<?cs if:t.code == Form.val.type ?> selected<?cs /if ?>><?cs if:Lang == "hi" ?><?cs var:t.type_hi ?> › <?cs var:t.main_hi ?> › <?cs var:t.name_hi ?><?cs else ?><?cs var:t.type_en ?> › <?cs var:t.main_en ?> › <?cs var:t.name_en ?><?cs /if ?></option><?cs /each ?></select>
 </div>
 <div class="field<?cs if:Form.err.priority ?> has-error<?cs /if ?>">
  <label for="f-priority"><?cs var:L.ticket.priority ?></label>
  <p class="hint"><?cs var:L.ticket.priority_hint ?></p>
  <?cs if:Form.err.priority ?><p class="error-message"><?cs var:Form.err.priority ?></p><?cs /if ?>
  <select id="f-priority" name="priority"><option value=""><?cs var:L.ticket.priority_default ?></option><?cs loop:p = 1, 4, 1 ?><option value="<?cs var:p ?>"<?cs if:Form.val.priority == p ?> selected<?cs /if ?>><?cs var:L.ticket.prio[p] ?></option><?cs /loop ?></select>
 </div>
 <?cs call:picker(Picker.location, L.ticket.place) ?>
 <?cs call:field_input("subject", L.ticket.subject, "text", "", "") ?>
 <?cs call:field_textarea("body", L.ticket.body, L.ticket.body_hint) ?>
 <?cs call:field_input("mobile", L.ticket.mobile, "tel", L.ticket.mobile_hint, "mobile") ?>
 <div class="field<?cs if:Form.err.link_kind ?> has-error<?cs /if ?>">
  <label for="f-link_kind"><?cs var:L.ticket.link ?></label>
  <p class="hint"><?cs var:L.ticket.optional ?></p>
  <?cs if:Form.err.link_kind ?><p class="error-message"><?cs var:Form.err.link_kind ?></p><?cs /if ?>
  <select id="f-link_kind" name="link_kind"><option value=""><?cs var:L.ticket.link_none ?></option><?cs each:k = L.ticket.link_kinds ?><option value="<?cs name:k ?>"<?cs if:Form.val.link_kind == name(k) ?> selected<?cs /if ?>><?cs var:k ?></option><?cs /each ?></select>
 </div>
 <?cs call:field_input("link_ref", L.ticket.link_ref, "text", L.ticket.optional, "") ?>
 <?cs call:field_input("assignee", L.ticket.assignee, "text", L.ticket.assignee_hint, "") ?>
 <button class="button" type="submit"><?cs var:L.ticket.raise ?></button>
</form>
<?cs include:"inc/foot.cs" ?>
