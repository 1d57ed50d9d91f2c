<?cs # dash_table(rows, csv, first, link, label): a breakdown table with the
     figures of each row, in a scroll box named label (it is wider than a
     phone); linked rows drill down to that place. ?>
<?cs def:dash_table(rows, csv, first, link, label) ?>
<div class="table-wrap" role="region" tabindex="0" aria-label="<?cs var:label ?>"><table class="dash">
<thead><tr><th><?cs var:first ?></th><th class="num"><?cs var:L.dash.received ?></th><th class="num"><?cs var:L.dash.disposed ?></th><th class="num"><?cs var:L.dash.approved ?></th><th class="num"><?cs var:L.dash.rejected ?></th><th class="num"><?cs var:L.dash.pending_now ?></th><th class="num"><?cs var:L.dash.beyond_sla ?></th><th class="num"><?cs var:L.dash.sla ?></th><th class="num"><?cs var:L.dash.avg ?></th><th class="num"><?cs var:L.dash.tatkal ?></th><th class="num"><?cs var:L.dash.returns ?></th><th class="num"><?cs var:L.dash.ooo ?></th><th class="num"><?cs var:L.dash.appeals ?></th></tr></thead>
<tbody><?cs each:x = rows ?><tr>
<td><?cs if:link && x.link ?><a href="/dash?location=<?cs var:x.key ?>&amp;from=<?cs var:D.from ?>&amp;to=<?cs var:D.to ?>"><?cs var:x.name ?></a><?cs else ?><?cs var:x.name ?><?cs /if ?></td>
<td class="num"><?cs var:x.received ?></td><td class="num"><?cs var:x.disposed ?></td><td class="num"><?cs var:x.approved ?></td><td class="num"><?cs var:x.rejected ?></td><td class="num"><?cs var:x.pending ?></td><td class="num"><?cs var:x.overdue ?></td><td class="num"><?cs var:x.sla ?></td><td class="num"><?cs var:x.avg ?></td><td class="num"><?cs var:x.tatkal ?></td><td class="num"><?cs var:x.returns ?></td><td class="num"><?cs var:x.ooo ?></td><td class="num"><?cs var:x.appeals ?></td>
</tr><?cs /each ?><?cs if:!subcount(rows) ?><tr><td colspan="13" class="none-yet"><?cs var:L.none_yet ?></td></tr><?cs /if ?></tbody></table></div>
<p class="small"><a href="/dash/csv?table=<?cs var:csv ?>&amp;location=<?cs var:D.id ?>&amp;from=<?cs var:D.from ?>&amp;to=<?cs var:D.to ?>"><?cs var:L.dash.csv ?></a></p>
<?cs /def ?>
