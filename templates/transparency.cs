<?cs set:Page.title = L.dash.public_title ?><?cs include:"inc/head.cs" ?><?cs include:"inc/table.cs" ?>
<h1><?cs var:L.dash.public_title ?> — <?cs var:D.name ?></h1>
<?cs if:D.as_of ?><p class="small"><?cs var:L.dash.as_of ?> <?cs var:D.as_of ?></p><?cs /if ?>
<p class="lead"><?cs var:L.dash.public_lead ?> <?cs var:D.from ?> – <?cs var:D.to ?>.</p>
<div class="tiles">
 <div class="kpi"><span class="kpi-n"><?cs var:K.received ?></span><span><?cs var:L.dash.received ?></span></div>
 <div class="kpi"><span class="kpi-n"><?cs var:K.disposed ?></span><span><?cs var:L.dash.disposed ?></span></div>
 <div class="kpi"><span class="kpi-n"><?cs var:K.pending ?></span><span><?cs var:L.dash.pending_now ?></span></div>
 <div class="kpi"><span class="kpi-n"><?cs var:K.sla ?></span><span><?cs var:L.dash.sla ?></span></div>
</div>
<h2><?cs var:L.dash.sla_by_district ?></h2>
<div class="chart"><?cs uvar:Charts.Tiles ?></div>
<table class="stack"><thead><tr><th><?cs var:L.loc.type.district ?></th><th class="num"><?cs var:L.dash.received ?></th><th class="num"><?cs var:L.dash.disposed ?></th><th class="num"><?cs var:L.dash.pending_now ?></th><th class="num"><?cs var:L.dash.sla ?></th></tr></thead>
<tbody><?cs each:x = Places ?><tr><th scope="row"><?cs var:x.name ?></th><td class="num" data-label="<?cs var:L.dash.received ?>"><?cs var:x.received ?></td><td class="num" data-label="<?cs var:L.dash.disposed ?>"><?cs var:x.disposed ?></td><td class="num" data-label="<?cs var:L.dash.pending_now ?>"><?cs var:x.pending ?></td><td class="num" data-label="<?cs var:L.dash.sla ?>"><?cs var:x.sla ?></td></tr><?cs /each ?><?cs if:!subcount(Places) ?><tr><td colspan="5" class="none-yet"><?cs var:L.none_yet ?></td></tr><?cs /if ?></tbody></table>
<?cs if:?Grievances.received ?><h2><?cs var:L.grievance.public ?></h2>
<dl class="summary"><dt><?cs var:L.grievance.received ?></dt><dd><?cs var:Grievances.received ?></dd><dt><?cs var:L.grievance.resolved ?></dt><dd><?cs var:Grievances.resolved ?></dd><dt><?cs var:L.grievance.in_sla ?></dt><dd><?cs var:Grievances.in_sla ?></dd><dt><?cs var:L.grievance.open ?></dt><dd><?cs var:Grievances.open ?></dd></dl><?cs /if ?>
<p class="small"><a href="/transparency?format=csv&amp;from=<?cs var:D.from ?>&amp;to=<?cs var:D.to ?>"><?cs var:L.dash.csv ?></a></p>
<?cs include:"inc/foot.cs" ?>
