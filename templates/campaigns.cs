<?cs set:Page.title = L.campaign.title ?><?cs include:"inc/head.cs" ?>
<h1><?cs var:L.campaign.title ?></h1>
<?cs if:subcount(Campaigns) ?>
<div class="table-wrap" role="region" tabindex="0" aria-label="<?cs var:L.campaign.title ?>"><table><thead><tr><th><?cs var:L.campaign.name ?></th><th><?cs var:L.campaign.scheme ?></th><th class="num"><?cs var:L.campaign.sampled ?></th><th class="num"><?cs var:L.campaign.done ?></th></tr></thead><tbody>
<?cs each:c = Campaigns ?><tr><td><a href="/campaigns/<?cs var:c.id ?>"><?cs if:Lang == "hi" ?><?cs var:c.name_hi ?><?cs else ?><?cs var:c.name_en ?><?cs /if ?></a></td><td><?cs var:c.scheme ?></td><td class="num"><?cs var:c.sampled ?></td><td class="num"><?cs var:c.done ?></td></tr><?cs /each ?>
</tbody></table></div>
<?cs else ?><p><?cs var:L.campaign.none ?></p><?cs /if ?>
<?cs include:"inc/foot.cs" ?>
