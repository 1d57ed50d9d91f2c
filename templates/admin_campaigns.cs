<?cs set:Page.title = L.campaign.def.title ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?>
<?cs # Jan Samvad campaigns defined on pages (src/page_campaign_admin.c): the list and a new draft. ?>
<p><a href="/campaigns"><?cs var:L.campaign.all ?></a> · <a href="/admin/dnc"><?cs var:L.campaign.dnc.title ?></a></p>
<h1><?cs var:L.campaign.def.title ?></h1>
<?cs if:subcount(Campaigns) ?>
<div class="table-wrap"><table><thead><tr><th><?cs var:L.campaign.name ?></th><th><?cs var:L.campaign.scheme ?></th><th><?cs var:L.campaign.def.status ?></th></tr></thead><tbody>
<?cs each:c = Campaigns ?><tr><td><a href="/admin/campaigns/<?cs var:c.id ?>"><?cs if:Lang == "hi" ?><?cs var:c.name_hi ?><?cs else ?><?cs var:c.name_en ?><?cs /if ?></a> <code class="small"><?cs var:c.code ?></code></td><td><?cs var:c.scheme ?></td><td><?cs var:L.campaign.def.st[c.status] ?></td></tr><?cs /each ?>
</tbody></table></div>
<?cs else ?><p><?cs var:L.campaign.none ?></p><?cs /if ?>
<h2><?cs var:L.campaign.def.new ?></h2>
<p><?cs var:L.campaign.def.new_lead ?></p>
<form method="post" action="/admin/campaigns" novalidate><?cs call:csrf_field() ?>
 <?cs call:field_input("code", L.campaign.def.code, "text", L.campaign.def.code_hint, "") ?>
 <?cs include:"inc/campaign_settings.cs" ?>
 <button class="button"><?cs var:L.campaign.def.create ?></button>
</form>
<?cs include:"inc/foot.cs" ?>
