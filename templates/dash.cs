<?cs set:Page.title = L.dash.title ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?><?cs include:"inc/table.cs" ?><?cs include:"inc/dashrows.cs" ?>
<p class="small"><?cs each:c = Crumbs ?><?cs if:c.id != D.id ?><a href="/dash?location=<?cs var:c.id ?>&amp;from=<?cs var:D.from ?>&amp;to=<?cs var:D.to ?>"><?cs var:c.name ?></a> › <?cs /if ?><?cs /each ?></p>
<h1><?cs var:D.name ?> <span class="small"><?cs var:D.type ?></span></h1>
<?cs if:D.as_of ?><p class="small"><?cs var:L.dash.as_of ?> <?cs var:D.as_of ?></p><?cs /if ?>
<form method="get" action="/dash" class="inline-form">
 <input type="hidden" name="location" value="<?cs var:D.id ?>">
 <?cs call:date_input("from", L.wallet.from, "", D.from) ?>
 <?cs call:date_input("to", L.wallet.to, "", D.to) ?>
 <button class="button secondary"><?cs var:L.wallet.show ?></button>
</form>
<div class="tiles">
 <div class="kpi"><span class="kpi-n"><?cs var:K.received ?></span><span><?cs var:L.dash.received ?></span></div>
 <div class="kpi"><span class="kpi-n"><?cs var:K.disposed ?></span><span><?cs var:L.dash.disposed ?> (<?cs var:K.approved ?> / <?cs var:K.rejected ?>)</span></div>
 <div class="kpi"><span class="kpi-n"><?cs var:K.pending ?></span><span><?cs var:L.dash.pending_now ?></span></div>
 <div class="kpi warn"><span class="kpi-n"><?cs var:K.overdue ?></span><span><?cs var:L.dash.beyond_sla ?></span></div>
 <div class="kpi"><span class="kpi-n"><?cs var:K.sla ?></span><span><?cs var:L.dash.sla ?></span></div>
 <div class="kpi"><span class="kpi-n"><?cs var:K.avg ?> / <?cs var:K.p90 ?></span><span><?cs var:L.dash.avg_p90 ?></span></div>
 <div class="kpi"><span class="kpi-n"><?cs var:K.tatkal ?></span><span><?cs var:L.dash.tatkal_share ?></span></div>
 <div class="kpi"><span class="kpi-n"><?cs var:K.returns ?></span><span><?cs var:L.dash.returns_rate ?></span></div>
 <div class="kpi"><span class="kpi-n"><?cs var:K.ooo ?></span><span><?cs var:L.dash.ooo ?></span></div>
 <div class="kpi"><span class="kpi-n"><?cs var:K.appeals ?></span><span><?cs var:L.dash.appeals ?></span></div>
 <div class="kpi warn"><span class="kpi-n"><?cs var:K.escalated ?></span><span><?cs var:L.dash.escalated ?></span></div>
</div>
<p class="small"><?cs var:L.dash.note ?></p>
<?cs if:Charts.Tiles ?><h2><?cs var:L.dash.sla_by_district ?></h2><div class="chart"><?cs uvar:Charts.Tiles ?></div><?cs /if ?>
<h2><?cs var:L.dash.by_place ?></h2>
<div class="chart"><?cs uvar:Charts.Places ?></div>
<?cs call:dash_table(Places, "places", L.loc.name, 1, L.dash.by_place) ?>
<h2><?cs var:L.dash.over_time ?></h2>
<div class="chart"><?cs uvar:Charts.Daily ?></div>
<p class="small"><a href="/dash/csv?table=daily&amp;location=<?cs var:D.id ?>&amp;from=<?cs var:D.from ?>&amp;to=<?cs var:D.to ?>"><?cs var:L.dash.csv ?></a></p>
<h2><?cs var:L.dash.by_service ?></h2>
<div class="chart"><?cs uvar:Charts.Services ?></div>
<?cs call:dash_table(Services, "services", L.app.service, 0, L.dash.by_service) ?>
<h2><?cs var:L.dash.by_channel ?></h2>
<div class="chart"><?cs uvar:Charts.Channels ?></div>
<?cs call:dash_table(Channels, "channels", L.app.channel, 0, L.dash.by_channel) ?>
<h2><?cs var:L.dash.by_office ?></h2>
<?cs call:dash_table(Offices, "offices", L.app.office, 0, L.dash.by_office) ?>
<h2><?cs var:L.dash.officers ?></h2>
<?cs call:region(L.dash.officers) ?><table class="stack"><thead><tr><th><?cs var:L.hr.name ?></th><th><?cs var:L.hr.role ?></th><th class="num"><?cs var:L.dash.actions ?></th><th class="num"><?cs var:L.dash.per_day ?></th></tr></thead><tbody><?cs each:o = Officers ?><tr><td class="card-head"><?cs var:o.name ?></td><td data-label="<?cs var:L.hr.role ?>"><?cs var:o.role ?></td><td class="num" data-label="<?cs var:L.dash.actions ?>"><?cs var:o.actions ?></td><td class="num" data-label="<?cs var:L.dash.per_day ?>"><?cs var:o.per_day ?></td></tr><?cs /each ?><?cs if:!subcount(Officers) ?><tr><td colspan="4" class="none-yet"><?cs var:L.none_yet ?></td></tr><?cs /if ?></tbody></table></div>
<p class="small"><a href="/dash/csv?table=officers&amp;location=<?cs var:D.id ?>&amp;from=<?cs var:D.from ?>&amp;to=<?cs var:D.to ?>"><?cs var:L.dash.csv ?></a></p>
<h2><?cs var:L.dash.desks ?></h2>
<?cs call:region(L.dash.desks) ?><table class="stack"><thead><tr><th><?cs var:L.app.office ?></th><th><?cs var:L.hr.role ?></th><th class="num"><?cs var:L.dash.pending_now ?></th><th class="num"><?cs var:L.dash.oldest ?></th></tr></thead><tbody><?cs each:o = Desks ?><tr><td class="card-head"><?cs var:o.office ?></td><td data-label="<?cs var:L.hr.role ?>"><?cs var:o.role ?></td><td class="num" data-label="<?cs var:L.dash.pending_now ?>"><?cs var:o.pending ?></td><td class="num" data-label="<?cs var:L.dash.oldest ?>"><?cs var:o.oldest ?></td></tr><?cs /each ?><?cs if:!subcount(Desks) ?><tr><td colspan="4" class="none-yet"><?cs var:L.none_yet ?></td></tr><?cs /if ?></tbody></table></div>
<p class="small"><a href="/dash/csv?table=desks&amp;location=<?cs var:D.id ?>&amp;from=<?cs var:D.from ?>&amp;to=<?cs var:D.to ?>"><?cs var:L.dash.csv ?></a></p>
<h2><?cs var:L.dash.csc ?></h2>
<p><?cs var:L.dash.active ?>: <strong><?cs var:Csc.active ?></strong>, <?cs var:L.dash.inactive ?>: <strong><?cs var:Csc.inactive ?></strong></p>
<?cs call:region(L.dash.csc) ?><table><thead><tr><th><?cs var:L.auth.username ?></th><th class="num"><?cs var:L.dash.filed ?></th><th class="num"><?cs var:L.dash.turnover ?></th><th class="num"><?cs var:L.dash.commission ?></th></tr></thead><tbody><?cs each:o = Cscs ?><tr><td><?cs var:o.username ?><br><span class="small"><?cs var:o.name ?></span></td><td class="num"><?cs var:o.filed ?></td><td class="num"><?cs var:o.turnover ?></td><td class="num"><?cs var:o.commission ?></td></tr><?cs /each ?><?cs if:!subcount(Cscs) ?><tr><td colspan="4" class="none-yet"><?cs var:L.none_yet ?></td></tr><?cs /if ?></tbody></table></div>
<p class="small"><a href="/dash/csv?table=cscs&amp;location=<?cs var:D.id ?>&amp;from=<?cs var:D.from ?>&amp;to=<?cs var:D.to ?>"><?cs var:L.dash.csv ?></a></p>
<h2><?cs var:L.dash.certs ?></h2>
<dl class="summary"><dt><?cs var:L.dash.issued ?></dt><dd><?cs var:Certs.issued ?></dd><dt><?cs var:L.dash.revoked ?></dt><dd><?cs var:Certs.revoked ?></dd><dt><?cs var:L.dash.verified ?></dt><dd><?cs var:Certs.verified ?></dd></dl>
<h2><?cs var:L.dash.feedback ?></h2>
<?cs call:region(L.dash.feedback) ?><table><thead><tr><th><?cs var:L.app.service ?></th><th><?cs var:L.app.office ?></th><th class="num">#</th><th class="num"><?cs var:L.dash.rating ?></th></tr></thead><tbody><?cs each:o = Feedback ?><tr><td><?cs var:o.service ?></td><td><?cs var:o.office ?></td><td class="num"><?cs var:o.count ?></td><td class="num"><?cs var:o.rating ?></td></tr><?cs /each ?><?cs if:!subcount(Feedback) ?><tr><td colspan="4" class="none-yet"><?cs var:L.none_yet ?></td></tr><?cs /if ?></tbody></table></div>
<p class="small"><a href="/dash/csv?table=feedback&amp;location=<?cs var:D.id ?>&amp;from=<?cs var:D.from ?>&amp;to=<?cs var:D.to ?>"><?cs var:L.dash.csv ?></a></p>
<?cs if:subcount(Matrix.rows) ?><h2 id="trainings"><?cs var:L.training.compliance ?></h2><?cs include:"inc/trn_matrix.cs" ?><?cs /if ?>
<?cs include:"inc/reghealth.cs" ?>
<?cs include:"inc/foot.cs" ?>
