<?cs set:Page.title = L.campaign.dnc.title ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?>
<?cs # The do-not-call list (src/page_campaign_admin.c): add a number with a reason, load many from CSV, remove one with a reason. ?>
<p><a href="/campaigns"><?cs var:L.campaign.all ?></a></p>
<h1><?cs var:L.campaign.dnc.title ?></h1>
<p><?cs var:L.campaign.dnc.lead ?></p>
<h2><?cs var:L.campaign.dnc.add ?></h2>
<form method="post" action="/admin/dnc" novalidate><?cs call:csrf_field() ?><input type="hidden" name="action" value="add">
 <?cs call:field_input("mobile", L.campaign.mobile, "tel", "", "mobile") ?>
 <?cs call:field_input("reason", L.campaign.dnc.reason, "text", L.campaign.dnc.reason_hint, "") ?>
 <button class="button"><?cs var:L.campaign.dnc.add ?></button>
</form>
<h2><?cs var:L.campaign.dnc.import ?></h2>
<form method="post" action="/admin/dnc/import" enctype="multipart/form-data" novalidate><?cs call:csrf_field() ?>
 <div class="field<?cs if:Form.err.file ?> has-error<?cs /if ?>"><label for="f-file"><?cs var:L.campaign.dnc.file ?></label><p class="hint"><?cs var:L.campaign.dnc.file_hint ?></p><?cs if:Form.err.file ?><p class="error-message" id="e-file"><?cs var:Form.err.file ?></p><?cs /if ?><input type="file" id="f-file" name="file" accept=".csv,text/csv"></div>
 <div class="field"><label for="f-import-reason"><?cs var:L.campaign.dnc.reason ?></label><input id="f-import-reason" name="reason" type="text" value="<?cs if:Form.action == "import" ?><?cs var:Form.val.reason ?><?cs /if ?>"></div>
 <button class="button secondary"><?cs var:L.campaign.dnc.import ?></button>
</form>
<h2><?cs var:L.campaign.dnc.listed ?></h2>
<form method="get" action="/admin/dnc"><div class="field"><label for="f-q"><?cs var:L.campaign.dnc.search ?></label><input id="f-q" name="q" type="text" inputmode="numeric" maxlength="10" value="<?cs var:Q ?>"></div><button class="button secondary"><?cs var:L.campaign.dnc.search ?></button></form>
<?cs if:subcount(Numbers) ?>
<div class="table-wrap"><table><thead><tr><th><?cs var:L.campaign.mobile ?></th><th><?cs var:L.campaign.dnc.since ?></th><th><?cs var:L.campaign.dnc.reason ?></th><th><?cs var:L.campaign.dnc.remove ?></th></tr></thead><tbody>
<?cs each:n = Numbers ?><tr><td><?cs var:n.mobile ?></td><td><?cs var:n.when ?></td><td><?cs var:n.reason ?></td><td><form method="post" action="/admin/dnc"><?cs call:csrf_field() ?><input type="hidden" name="action" value="remove"><input type="hidden" name="mobile" value="<?cs var:n.mobile ?>"><label class="visually-hidden" for="f-r-<?cs var:n.mobile ?>"><?cs var:L.campaign.dnc.reason ?></label><input id="f-r-<?cs var:n.mobile ?>" name="reason" type="text" placeholder="<?cs var:L.campaign.dnc.why_remove ?>"> <button class="button secondary"><?cs var:L.campaign.dnc.remove ?></button></form></td></tr><?cs /each ?>
</tbody></table></div>
<?cs else ?><p><?cs var:L.campaign.dnc.none ?></p><?cs /if ?>
<?cs include:"inc/foot.cs" ?>
