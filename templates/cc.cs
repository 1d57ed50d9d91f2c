<?cs set:Page.title = L.cc.title ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?>
<h1><?cs var:L.cc.title ?></h1>
<form method="get" action="/cc" novalidate>
 <?cs call:field_input("number", L.cc.number, "tel", L.cc.number_hint, "") ?>
 <button class="button"><?cs var:L.cc.lookup ?></button>
</form>
<?cs if:Number ?>
<h2><?cs var:L.cc.caller ?> <?cs var:Number ?></h2>
<?cs if:subcount(People) ?><ul><?cs each:p = People ?><li><?cs var:p.name ?> — <?cs var:L.cc.type[p.type] ?><?cs if:p.ref ?> (<?cs var:p.ref ?>)<?cs /if ?></li><?cs /each ?></ul><?cs else ?><p><?cs var:L.cc.unknown ?></p><?cs /if ?>
<form method="post" action="/cc/call" class="inline"><input type="hidden" name="csrf" value="<?cs var:CSRF ?>"><input type="hidden" name="number" value="<?cs var:Number ?>"><button class="button"><?cs var:L.cc.call ?></button></form>
<a class="button secondary" href="/tickets/new?mobile=<?cs var:url_escape(Number) ?>"><?cs var:L.cc.raise ?></a>
<h3><?cs var:L.cc.open_tickets ?></h3>
<?cs if:subcount(Tickets) ?><ul><?cs each:t = Tickets ?><li><a href="/tickets/<?cs var:t.number ?>"><?cs var:t.number ?></a> — <?cs var:t.subject ?> (<?cs var:L.ticket.st[t.status] ?>)</li><?cs /each ?></ul><?cs else ?><p><?cs var:L.cc.none ?></p><?cs /if ?>
<h3><?cs var:L.cc.applications ?></h3>
<?cs if:subcount(Apps) ?><ul><?cs each:a = Apps ?><li><?cs var:a.number ?> — <?cs var:a.service ?>, <?cs var:L.app.st[a.status] ?></li><?cs /each ?></ul><?cs else ?><p><?cs var:L.cc.none ?></p><?cs /if ?>
<?cs /if ?>
<h2><?cs if:Number ?><?cs var:L.cc.calls_number ?><?cs else ?><?cs var:L.cc.my_calls ?><?cs /if ?></h2>
<?cs if:subcount(Calls) ?>
<div class="table-wrap" role="region" tabindex="0" aria-label="<?cs if:Number ?><?cs var:L.cc.calls_number ?><?cs else ?><?cs var:L.cc.my_calls ?><?cs /if ?>"><table><thead><tr><th><?cs var:L.cc.when ?></th><th><?cs var:L.cc.direction ?></th><th><?cs var:L.cc.number ?></th><th><?cs var:L.cc.agent ?></th><th><?cs var:L.cc.status ?></th><th><?cs var:L.cc.disposition ?></th></tr></thead><tbody>
<?cs each:c = Calls ?><tr><td><a href="/cc/call/<?cs var:c.id ?>"><?cs var:c.started ?></a></td><td><?cs var:L.cc.dir[c.direction] ?></td><td><?cs var:c.number ?></td><td><?cs var:c.agent ?></td><td><?cs var:L.cc.st[c.status] ?><?cs if:c.duration ?> (<?cs var:c.duration ?> s)<?cs /if ?></td><td><?cs if:c.disposition ?><?cs var:L.cc.disp[c.disposition] ?><?cs /if ?><?cs if:c.ticket ?> <a href="/tickets/<?cs var:c.ticket ?>"><?cs var:c.ticket ?></a><?cs /if ?></td></tr><?cs /each ?>
</tbody></table></div>
<?cs else ?><p><?cs var:L.cc.none ?></p><?cs /if ?>
<?cs include:"inc/foot.cs" ?>
