<?cs set:Page.title = L.campaign.title ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?>
<p><a href="/campaigns"><?cs var:L.campaign.all ?></a></p>
<h1><?cs if:Lang == "hi" ?><?cs var:C.0.name_hi ?><?cs else ?><?cs var:C.0.name_en ?><?cs /if ?></h1>
<p class="small"><?cs var:L.campaign.scheme ?>: <?cs var:C.0.scheme ?></p>
<?cs if:Caller ?><form method="post" action="/campaigns/<?cs var:C.0.id ?>/next"><?cs call:csrf_field() ?><button class="button"><?cs var:L.campaign.next ?></button></form><?cs /if ?>
<h2><?cs var:L.campaign.outcomes ?></h2>
<p><a href="/campaigns/<?cs var:C.0.id ?>?by=block"><?cs var:L.campaign.by_block ?></a> · <a href="/campaigns/<?cs var:C.0.id ?>?by=district"><?cs var:L.campaign.by_district ?></a></p>
<?cs if:subcount(Rows) ?>
<div class="table-wrap" role="region" tabindex="0" aria-label="<?cs var:L.campaign.outcomes ?>"><table><thead><tr><th><?cs var:L.campaign.place[By] ?></th><th class="num"><?cs var:L.campaign.sampled ?></th><th class="num"><?cs var:L.campaign.dialled ?></th><th class="num"><?cs var:L.campaign.reached ?></th><th class="num"><?cs var:L.campaign.completed ?></th></tr></thead><tbody>
<?cs each:x = Rows ?><tr><td><?cs var:x.name ?></td><td class="num"><?cs var:x.sampled ?></td><td class="num"><?cs var:x.dialled ?></td><td class="num"><?cs var:x.reached ?><?cs if:?x.reached_pct ?> (<?cs var:x.reached_pct ?>%)<?cs /if ?></td><td class="num"><?cs var:x.completed ?></td></tr><?cs /each ?>
</tbody></table></div>
<?cs else ?><p><?cs var:L.campaign.no_sample ?></p><?cs /if ?>
<?cs if:subcount(Questions) ?>
<h2><?cs var:L.campaign.answers ?></h2>
<form method="get" action="/campaigns/<?cs var:C.0.id ?>" class="inline"><input type="hidden" name="by" value="<?cs var:By ?>"><label for="f-field"><?cs var:L.campaign.question ?></label> <select id="f-field" name="field"><?cs each:q = Questions ?><option value="<?cs var:q.name ?>"<?cs if:q.name == Field ?> selected<?cs /if ?>><?cs var:q.label ?></option><?cs /each ?></select> <button class="button secondary"><?cs var:L.campaign.show ?></button></form>
<?cs if:subcount(Shares) ?><div class="table-wrap" role="region" tabindex="0" aria-label="<?cs var:L.campaign.answers ?>"><table><thead><tr><th><?cs var:L.campaign.place[By] ?></th><th><?cs var:L.campaign.answer ?></th><th class="num"><?cs var:L.campaign.count ?></th><th class="num">%</th><th class="num"><?cs var:L.campaign.ci ?></th></tr></thead><tbody>
<?cs each:x = Shares ?><tr><td><?cs var:x.name ?></td><td><?cs var:x.value ?></td><td class="num"><?cs var:x.n ?> / <?cs var:x.total ?></td><td class="num"><?cs var:x.pct ?></td><td class="num"><?cs var:x.ci ?></td></tr><?cs /each ?>
</tbody></table></div><p class="small"><?cs var:L.campaign.ci_hint ?></p><?cs else ?><p><?cs var:L.campaign.no_answers ?></p><?cs /if ?>
<?cs /if ?>
<?cs if:Admin ?>
<h2><?cs var:L.campaign.list ?></h2>
<form method="post" action="/campaigns/<?cs var:C.0.id ?>/list" enctype="multipart/form-data"><?cs call:csrf_field() ?>
 <div class="field<?cs if:Form.err.file ?> has-error<?cs /if ?>"><label for="f-file"><?cs var:L.campaign.file ?></label><p class="hint"><?cs var:L.campaign.file_hint ?></p><?cs if:Form.err.file ?><p class="error-message"><?cs var:Form.err.file ?></p><?cs /if ?><input id="f-file" name="file" type="file" accept=".csv,text/csv"></div>
 <button class="button secondary"><?cs var:L.campaign.load ?></button></form>
<form method="post" action="/campaigns/<?cs var:C.0.id ?>/sample"><?cs call:csrf_field() ?><button class="button secondary"><?cs var:L.campaign.sample ?></button></form>
<?cs /if ?>
<?cs include:"inc/foot.cs" ?>
