<?cs # the consolidation of a place: figures, drill-down, lists (mpr_consol.cs and mpr_list.cs) ?>
<p><?cs var:L.mpr.month ?>: <strong><?cs var:Mpr.month ?></strong> · <?cs var:L.mpr.due ?>: <?cs var:Mpr.due ?> · <?cs var:L.mpr.units[Mpr.level] ?>: <?cs var:Place.expected ?></p>
<?cs if:Mpr.unconfirmed ?><p class="notice small"><?cs var:L.register.unconfirmed ?></p><?cs /if ?>
<dl class="figures" id="counts"><?cs each:s = L.mpr.states ?><dt><?cs var:s ?></dt><dd><?cs alt:Counts[name(s)] ?>0<?cs /alt ?></dd><?cs /each ?></dl>
<p class="small"><?cs var:L.mpr.only_approved ?></p>
<div class="table-wrap" role="region" tabindex="0" aria-label="<?cs var:Page.title ?>"><table id="consolidation" class="register"><thead><tr><th><?cs var:L.mpr.place ?></th><th><?cs var:L.mpr.units[Mpr.level] ?></th><?cs each:c = Cols ?><th><?cs var:c ?></th><?cs /each ?></tr></thead><tbody>
<?cs each:k = Kids ?><tr id="place-<?cs var:k.id ?>"><td><a href="/mpr/<?cs var:url_escape(Mpr.code) ?>/<?cs var:Mpr.month ?>?location=<?cs var:k.id ?>"><?cs var:k.name ?></a><?cs if:k.status ?><br><span class="small"><?cs var:L.mpr.states[k.status] ?><?cs if:k.late ?> · <?cs var:L.mpr.late ?><?cs /if ?></span><?cs /if ?></td><td><?cs var:k.expected ?></td><?cs each:v = k.vals ?><td><?cs var:v ?></td><?cs /each ?></tr><?cs /each ?>
<tr class="totals" id="total"><th><?cs var:L.register.total ?>: <?cs var:Place.name ?></th><td><?cs var:Place.expected ?></td><?cs each:v = Place.vals ?><td><strong><?cs var:v ?></strong></td><?cs /each ?></tr>
</tbody></table></div>
<p><a class="button secondary" href="/mpr/<?cs var:url_escape(Mpr.code) ?>/<?cs var:Mpr.month ?>/pdf?location=<?cs var:Place.id ?>"><?cs var:L.register.pdf_link ?></a> <a class="button secondary" href="/mpr/<?cs var:url_escape(Mpr.code) ?>/<?cs var:Mpr.month ?>/csv?location=<?cs var:Place.id ?>"><?cs var:L.register.csv_link ?></a></p>
<h2><?cs var:L.mpr.not_submitted ?></h2>
<?cs if:subcount(Missing) ?><div class="table-wrap" role="region" tabindex="0" aria-label="<?cs var:L.mpr.not_submitted ?>"><table id="not-submitted"><thead><tr><th><?cs var:L.mpr.levels[Mpr.level] ?></th><th><?cs var:L.register.state ?></th><th><?cs var:L.mpr.since ?></th><th><?cs if:Mpr.level == "panchayat" ?><?cs var:L.mpr.vle ?><?cs else ?><?cs var:L.mpr.filer ?><?cs /if ?></th></tr></thead><tbody>
<?cs each:g = Missing ?><tr><td><a href="/mpr/<?cs var:url_escape(Mpr.code) ?>/<?cs var:Mpr.month ?>?location=<?cs var:g.id ?>"><?cs var:g.name ?></a></td><td><?cs var:L.mpr.states[g.status] ?></td><td><?cs var:g.since ?></td><td><?cs var:g.vle ?></td></tr><?cs /each ?>
</tbody></table></div><?cs else ?><p><?cs var:L.mpr.none_missing ?></p><?cs /if ?>
<h2><?cs var:L.mpr.pending ?></h2>
<?cs if:subcount(Pending) ?><div class="table-wrap" role="region" tabindex="0" aria-label="<?cs var:L.mpr.pending ?>"><table id="pending"><thead><tr><th><?cs var:L.mpr.levels[Mpr.level] ?></th><th><?cs var:L.register.state ?></th><th><?cs var:L.mpr.since ?></th><th><?cs var:L.mpr.turn ?></th></tr></thead><tbody>
<?cs each:g = Pending ?><tr><td><a href="/mpr/<?cs var:url_escape(Mpr.code) ?>/<?cs var:Mpr.month ?>?location=<?cs var:g.id ?>"><?cs var:g.name ?></a></td><td><?cs var:L.mpr.states[g.status] ?></td><td><?cs var:g.since ?></td><td><?cs var:L.mpr.turns[g.turn] ?></td></tr><?cs /each ?>
</tbody></table></div><?cs else ?><p><?cs var:L.mpr.none_pending ?></p><?cs /if ?>
