<?cs set:Page.title = L.mpr.title ?><?cs include:"inc/head.cs" ?>
<h1><?cs var:L.mpr.title ?></h1>
<?cs if:!subcount(Defs) ?><p><?cs var:L.mpr.no_mprs ?></p><?cs /if ?>
<?cs each:d = Defs ?><?cs if:d.home ?>
<h2><?cs var:d.name ?></h2>
<div class="table-wrap" role="region" tabindex="0" aria-label="<?cs var:d.name ?>"><table id="months-<?cs var:d.code ?>"><thead><tr><th><?cs var:L.mpr.month ?></th><th><?cs var:L.mpr.due ?></th><th><?cs var:L.register.state ?></th></tr></thead><tbody>
<?cs each:m = d.months ?><tr><td><a href="/mpr/<?cs var:url_escape(d.code) ?>/<?cs var:m.month ?>?location=<?cs var:d.home ?>"><?cs var:m.month ?></a></td><td><?cs var:m.due ?></td><td><?cs var:L.mpr.states[m.status] ?><?cs if:m.late ?> · <?cs var:L.mpr.late ?><?cs /if ?></td></tr><?cs /each ?>
</tbody></table></div>
<?cs /if ?><?cs /each ?>
<?cs if:Grid ?>
<h2><?cs var:Mpr.name ?> — <?cs var:Place.name ?></h2>
<form method="get" action="/mpr" class="inline"><label for="f-month"><?cs var:L.mpr.month ?></label> <input id="f-month" name="month" type="month" value="<?cs var:Month ?>"> <button class="button secondary"><?cs var:L.mpr.show ?></button></form>
<?cs include:"inc/mpr_grid.cs" ?>
<?cs /if ?>
<?cs include:"inc/foot.cs" ?>
