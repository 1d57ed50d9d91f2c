<?cs set:Page.title = Survey.title ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?>
<p><a href="/surveys"><?cs var:L.survey.surveys_title ?></a></p>
<h1><?cs var:Survey.title ?> (<?cs var:Survey.code ?>)</h1>
<p><?cs var:L.survey.window ?>: <?cs var:Survey.window_from ?> – <?cs var:Survey.window_to ?></p>
<?cs if:Allocated != "" ?><div class="notice" role="status"><p><?cs var:L.survey.allocated_n ?>: <?cs var:Allocated ?></p></div><?cs /if ?>
<p><a href="/surveys/<?cs var:Survey.id ?>/csv<?cs if:Location ?>?location=<?cs var:url_escape(Location) ?><?cs /if ?>"><?cs var:L.survey.csv ?></a> · <a href="/tasks?survey=<?cs var:Survey.id ?>&amp;status=pending_approval"><?cs var:L.survey.pending_list ?></a> · <a href="/surveys/<?cs var:Survey.id ?>/versions"><?cs var:L.survey.versions_link ?></a></p>
<h2><?cs var:L.survey.map ?></h2>
<div id="live-map" class="live-map" hidden data-src="/surveys/<?cs var:Survey.id ?>/map.json<?cs if:Location ?>?location=<?cs var:url_escape(Location) ?><?cs /if ?>"></div>
<div class="chart map-svg" id="svg-map"><?cs uvar:Map ?></div>
<h2><?cs var:L.survey.by_place ?></h2>
<?cs def:counts_head() ?><th><?cs var:L.survey.state.allocated ?></th><th><?cs var:L.survey.state.in_progress ?></th><th><?cs var:L.survey.state.pending_approval ?></th><th><?cs var:L.survey.state.completed ?></th><th><?cs var:L.survey.state.returned ?></th><th><?cs var:L.survey.flagged ?></th><th><?cs var:L.survey.total ?></th><?cs /def ?>
<?cs def:counts_row(c) ?><td><?cs var:c.allocated ?></td><td><?cs var:c.in_progress ?></td><td><?cs var:c.pending_approval ?></td><td><?cs var:c.completed ?></td><td><?cs var:c.returned ?></td><td><?cs var:c.flagged ?></td><td><?cs var:c.total ?></td><?cs /def ?>
<?cs if:ByPlace.0.gp ?><div class="table-wrap" role="region" tabindex="0" aria-label="<?cs var:L.survey.by_place ?>"><table id="by-place"><thead><tr><th><?cs var:L.survey.block ?></th><th><?cs var:L.survey.place ?></th><?cs call:counts_head() ?></tr></thead><tbody>
<?cs each:p = ByPlace ?><tr><td><?cs var:p.block ?></td><td><?cs if:Lang == "hi" ?><?cs var:p.gp_hi ?><?cs else ?><?cs var:p.gp_en ?><?cs /if ?></td><?cs call:counts_row(p) ?></tr><?cs /each ?>
</tbody></table></div><?cs else ?><p><?cs var:L.survey.no_tasks ?></p><?cs /if ?>
<?cs if:ByVle.0.user ?><h2><?cs var:L.survey.by_vle ?></h2><div class="table-wrap" role="region" tabindex="0" aria-label="<?cs var:L.survey.by_vle ?>"><table id="by-vle"><thead><tr><th><?cs var:L.survey.vle ?></th><?cs call:counts_head() ?></tr></thead><tbody>
<?cs each:v = ByVle ?><tr><td><?cs var:v.name ?></td><?cs call:counts_row(v) ?></tr><?cs /each ?>
</tbody></table></div><?cs /if ?>
<h2><?cs var:L.survey.ageing ?></h2>
<dl class="figures" id="ageing"><dt>0–3 <?cs var:L.survey.days ?></dt><dd><?cs var:Ageing.0.d0 ?></dd><dt>4–7 <?cs var:L.survey.days ?></dt><dd><?cs var:Ageing.0.d4 ?></dd><dt>8–15 <?cs var:L.survey.days ?></dt><dd><?cs var:Ageing.0.d8 ?></dd><dt>&gt; 15 <?cs var:L.survey.days ?></dt><dd><?cs var:Ageing.0.d16 ?></dd><dt><?cs var:L.survey.oldest ?></dt><dd><?cs var:Ageing.0.oldest ?></dd></dl>
<?cs if:PerDay.0.day ?><h2><?cs var:L.survey.per_day ?></h2><div class="table-wrap" role="region" tabindex="0" aria-label="<?cs var:L.survey.per_day ?>"><table id="per-day"><thead><tr><th><?cs var:L.survey.day ?></th><th><?cs var:L.survey.submissions ?></th></tr></thead><tbody>
<?cs each:d = PerDay ?><tr><td><?cs var:d.day ?></td><td><?cs var:d.n ?></td></tr><?cs /each ?></tbody></table></div><?cs /if ?>
<?cs if:subcount(Dist) ?><h2><?cs var:L.survey.distributions ?></h2>
<?cs each:q = Dist ?><h3><?cs var:q.label ?> <span class="small">(<?cs var:q.answered ?> <?cs var:L.survey.answered ?>)</span></h3>
<?cs if:subcount(q.opts) ?><ul class="plain"><?cs each:o = q.opts ?><li><?cs var:o.label ?>: <strong><?cs var:o.count ?></strong></li><?cs /each ?></ul><?cs else ?><p><?cs var:L.survey.sum ?>: <?cs var:q.sum ?> · <?cs var:L.survey.average ?>: <?cs var:q.average ?></p><?cs /if ?><?cs /each ?><?cs /if ?>
<?cs if:Survey.status == "open" ?>
<h2 id="allocate"><?cs var:L.survey.allocate ?></h2>
<form method="post" action="/surveys/<?cs var:Survey.id ?>/allocate" class="panel"><?cs call:csrf_field() ?>
 <fieldset class="field checks<?cs if:Form.err.places ?> has-error<?cs /if ?>"><legend><?cs var:L.survey.allocate_gps ?></legend>
 <?cs if:Form.err.places ?><p class="error-message"><?cs var:Form.err.places ?></p><?cs /if ?>
 <?cs each:g = Gps ?><label><input type="checkbox" name="place" value="<?cs var:g.id ?>"> <?cs if:Lang == "hi" ?><?cs var:g.name_hi ?><?cs else ?><?cs var:g.name_en ?><?cs /if ?> <span class="small">(<?cs var:g.block ?>)</span></label><?cs /each ?></fieldset>
 <div class="field<?cs if:Form.err.assignee ?> has-error<?cs /if ?>"><label for="f-assignee"><?cs var:L.survey.assignee ?></label><p class="hint"><?cs var:L.survey.assignee_hint ?></p>
 <?cs if:Form.err.assignee ?><p class="error-message"><?cs var:Form.err.assignee ?></p><?cs /if ?>
 <select id="f-assignee" name="assignee"><option value=""><?cs var:L.survey.own_vle ?></option><?cs each:v = Vles ?><option value="<?cs var:v.id ?>"><?cs var:v.name ?> (<?cs var:v.place ?>)</option><?cs /each ?></select></div>
 <button class="button"><?cs var:L.survey.allocate ?></button>
</form>
<?cs if:Can.close ?><form method="post" action="/surveys/<?cs var:Survey.id ?>/close" id="close"><?cs call:csrf_field() ?><p class="hint"><?cs var:L.survey.close_hint ?></p><button class="button warning"><?cs var:L.survey.close ?></button></form><?cs /if ?>
<?cs else ?><p id="closed"><strong><?cs var:L.survey.closed ?></strong></p><?cs /if ?>
<?cs include:"inc/foot.cs" ?>
