<?cs set:Page.title = L.ticket.sms_admin.title ?><?cs include:"inc/head.cs" ?>
<?cs # The SMS texts of every sub type (src/page_ticket_sms.c): each language's acknowledgement and resolution text, or the generic one. ?>
<h1><?cs var:L.ticket.sms_admin.title ?></h1>
<p><?cs var:L.ticket.sms_admin.lead ?></p>
<div class="table-wrap"><table><thead><tr><th><?cs var:L.ticket.type ?></th><th><?cs var:L.ticket.sms_admin.raised_en ?></th><th><?cs var:L.ticket.sms_admin.raised_hi ?></th><th><?cs var:L.ticket.sms_admin.resolved_en ?></th><th><?cs var:L.ticket.sms_admin.resolved_hi ?></th></tr></thead><tbody>
<?cs each:t = Types ?><tr><td><a href="/admin/ticket-sms/<?cs var:t.code ?>"><?cs if:Lang == "hi" ?><?cs var:t.name_hi ?><?cs else ?><?cs var:t.name_en ?><?cs /if ?></a><br><code class="small"><?cs var:t.code ?></code></td>
<?cs each:f = L.ticket.sms_admin.cols ?><td><?cs if:t[name(f)] ?><?cs var:t[name(f)] ?><?cs else ?><span class="small"><?cs var:L.ticket.sms_admin.generic ?></span><?cs /if ?></td><?cs /each ?></tr><?cs /each ?>
</tbody></table></div>
<?cs include:"inc/foot.cs" ?>
