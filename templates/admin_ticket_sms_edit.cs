<?cs set:Page.title = L.ticket.sms_admin.edit ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?>
<?cs # One sub type's four SMS texts (src/page_ticket_sms.c): the placeholders listed, a problem at its text, a preview with sample values. ?>
<p><a href="/admin/ticket-sms"><?cs var:L.ticket.sms_admin.title ?></a></p>
<h1><?cs var:T.name ?> <code class="small"><?cs var:T.code ?></code></h1>
<div class="notice"><p><?cs var:L.ticket.sms_admin.placeholders ?></p><ul><?cs each:p = L.ticket.sms_admin.ph ?><li><code>{<?cs name:p ?>}</code> — <?cs var:p ?></li><?cs /each ?></ul><p class="hint"><?cs var:L.ticket.sms_admin.empty_hint ?></p></div>
<form method="post" action="/admin/ticket-sms/<?cs var:T.code ?>" novalidate><?cs call:csrf_field() ?>
<?cs each:f = L.ticket.sms_admin.cols ?>
 <?cs call:field_textarea(name(f), L.ticket.sms_admin[name(f)], "") ?>
 <?cs if:Preview[name(f)] ?><p class="hint" id="p-<?cs name:f ?>"><?cs var:L.ticket.sms_admin.preview ?>: <q><?cs var:Preview[name(f)] ?></q></p><?cs /if ?>
<?cs /each ?>
 <button class="button secondary" name="action" value="preview"><?cs var:L.ticket.sms_admin.show_preview ?></button>
 <button class="button" name="action" value="save"><?cs var:L.form.save ?></button>
</form>
<?cs include:"inc/foot.cs" ?>
