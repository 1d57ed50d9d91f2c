<?cs set:Page.title = L.ticket.title ?><?cs include:"inc/head.cs" ?>
<h1><?cs var:L.ticket.title ?></h1>
<p><?cs if:Raise ?><a class="button" href="/tickets/new"><?cs var:L.ticket.raise ?></a> <?cs /if ?><?cs if:File ?><a class="button secondary" href="/grievance/new"><?cs var:L.grievance.new ?></a><?cs /if ?><?cs if:Dash ?> <a class="button secondary" href="/tickets/dash"><?cs var:L.ticket.dash.link ?></a><?cs /if ?></p>
<?cs if:subcount(Notices) ?><section class="notice" aria-labelledby="notices"><h2 id="notices"><?cs var:L.ticket.notices ?></h2><ul><?cs each:n = Notices ?><li><?cs var:n.body ?> <span class="small"><?cs var:n.when ?></span></li><?cs /each ?></ul></section><?cs /if ?>
<div class="cards">
 <a class="card" href="/tickets?list=raised"><h2><?cs var:L.ticket.tile_raised ?></h2><p><?cs var:L.ticket.raised_n ?>: <strong><?cs var:Tiles.raised ?></strong><br><?cs var:L.ticket.open_n ?>: <strong><?cs var:Tiles.raised_open ?></strong><br><?cs var:L.ticket.closed_n ?>: <strong><?cs var:Tiles.raised_closed ?></strong></p></a>
 <?cs if:Handler ?><a class="card" href="/tickets?list=my"><h2><?cs var:L.ticket.tile_assigned ?></h2><p><?cs var:L.ticket.assigned_n ?>: <strong><?cs var:Tiles.assigned ?></strong><br><?cs var:L.ticket.open_n ?>: <strong><?cs var:Tiles.assigned_open ?></strong><br><?cs var:L.ticket.closed_n ?>: <strong><?cs var:Tiles.assigned_closed ?></strong></p></a><?cs /if ?>
</div>
<nav aria-label="<?cs var:L.ticket.lists ?>"><ul class="inline-list"><?cs each:l = Lists ?><?cs if:Handler || l.code == "raised" || l.code == "replies" ?><li><?cs if:l.code == List ?><strong><?cs var:L.ticket.list[l.code] ?></strong><?cs else ?><a href="/tickets?list=<?cs var:l.code ?>"><?cs var:L.ticket.list[l.code] ?></a><?cs /if ?></li><?cs /if ?><?cs /each ?></ul></nav>
<h2><?cs var:L.ticket.list[List] ?></h2>
<?cs if:subcount(Tickets) ?>
<div class="table-wrap" role="region" tabindex="0" aria-label="<?cs var:L.ticket.list[List] ?>"><table class="stack" id="tickets"><thead><tr><th><?cs var:L.ticket.number ?></th><th><?cs var:L.ticket.subject ?></th><th><?cs var:L.ticket.place ?></th><th><?cs var:L.ticket.status ?></th><th><?cs var:L.ticket.due ?></th></tr></thead><tbody>
<?cs each:t = Tickets ?><tr><td class="card-head"><a href="/tickets/<?cs var:t.number ?>"><?cs var:t.number ?></a><br><span class="small">P<?cs var:t.priority ?></span></td><td data-label="<?cs var:L.ticket.subject ?>"><span><?cs var:t.subject ?><br><span class="small"><?cs if:Lang == "hi" ?><?cs var:t.type_hi ?><?cs else ?><?cs var:t.type_en ?><?cs /if ?></span></span></td><td data-label="<?cs var:L.ticket.place ?>"><?cs if:Lang == "hi" && t.place_hi ?><?cs var:t.place_hi ?><?cs else ?><?cs var:t.place_en ?><?cs /if ?></td><td data-label="<?cs var:L.ticket.status ?>"><span><?cs var:t.status_text ?><?cs if:t.assignee ?><br><span class="small"><?cs var:t.assignee ?></span><?cs /if ?></span></td><td data-label="<?cs var:L.ticket.due ?>"><span><?cs var:t.due_text ?><?cs if:t.overdue == "1" ?> <span class="tag red"><?cs var:L.ticket.overdue ?></span><?cs /if ?></span></td></tr><?cs /each ?>
</tbody></table></div>
<?cs if:Next ?><p><a href="/tickets?list=<?cs var:List ?>&amp;before=<?cs var:Next ?>"><?cs var:L.ticket.older ?></a></p><?cs /if ?>
<?cs else ?><p><?cs var:L.ticket.none ?></p><?cs /if ?>
<?cs include:"inc/foot.cs" ?>
