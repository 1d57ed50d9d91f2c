<?cs set:Page.title = L.ticket.dash.title ?><?cs include:"inc/head.cs" ?>
<p><a href="/tickets"><?cs var:L.ticket.back ?></a></p>
<h1><?cs var:L.ticket.dash.title ?>: <?cs var:Dash.place ?></h1>
<?cs if:Dash.parent ?><p><a href="/tickets/dash?location=<?cs var:Dash.parent ?>&amp;by=place&amp;days=<?cs var:Dash.days ?>"><?cs var:L.ticket.dash.up ?></a></p><?cs /if ?>
<form method="get" action="/tickets/dash" class="inline">
 <input type="hidden" name="location" value="<?cs var:Dash.location ?>">
 <label for="f-by"><?cs var:L.ticket.dash.by ?></label>
 <select id="f-by" name="by"><?cs each:b = Dash.bys ?><option value="<?cs var:b ?>"<?cs if:b == Dash.by ?> selected<?cs /if ?>><?cs var:L.ticket.dash.bys[b] ?></option><?cs /each ?></select>
 <label for="f-days"><?cs var:L.ticket.dash.days ?></label>
 <input id="f-days" name="days" type="number" min="1" max="730" value="<?cs var:Dash.days ?>">
 <button class="button secondary"><?cs var:L.ticket.dash.show ?></button>
</form>
<?cs if:subcount(Rows) ?>
<div class="table-wrap" role="region" tabindex="0" aria-label="<?cs var:L.ticket.dash.title ?>: <?cs var:Dash.place ?>"><table><thead><tr><th><?cs var:L.ticket.dash.bys[Dash.by] ?></th><th><?cs var:L.ticket.raised_n ?></th><th><?cs var:L.ticket.open_n ?></th><th><?cs var:L.ticket.overdue ?></th><th><?cs var:L.ticket.dash.resolved ?></th><th><?cs var:L.ticket.dash.sla ?></th><th><?cs var:L.ticket.dash.median ?></th><th><?cs var:L.ticket.dash.reopen ?></th><th><?cs var:L.ticket.dash.ageing ?></th></tr></thead><tbody>
<?cs each:o = Rows ?><tr><td><?cs if:o.drill ?><a href="/tickets/dash?location=<?cs var:o.drill ?>&amp;by=place&amp;days=<?cs var:Dash.days ?>"><?cs var:o.name ?></a><?cs else ?><?cs var:o.name ?><?cs /if ?></td><td><?cs var:o.total ?></td><td><?cs var:o.open ?></td><td><?cs var:o.overdue ?></td><td><?cs var:o.resolved ?></td><td><?cs if:?o.sla ?><?cs var:o.sla ?>%<?cs else ?>–<?cs /if ?></td><td><?cs if:?o.median_h ?><?cs var:o.median_h ?> <?cs var:L.ticket.dash.hours ?><?cs else ?>–<?cs /if ?></td><td><?cs if:?o.reopen ?><?cs var:o.reopen ?>%<?cs else ?>–<?cs /if ?></td><td class="small"><?cs var:o.age0 ?> / <?cs var:o.age1 ?> / <?cs var:o.age2 ?> / <?cs var:o.age3 ?></td></tr><?cs /each ?>
</tbody></table></div>
<p class="small"><?cs var:L.ticket.dash.ageing_hint ?></p>
<?cs else ?><p><?cs var:L.ticket.none ?></p><?cs /if ?>
<?cs include:"inc/foot.cs" ?>
