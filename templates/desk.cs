<?cs set:Page.title = L.nav.desk ?><?cs include:"inc/head.cs" ?>
<h1><?cs var:L.nav.desk ?></h1>
<?cs def:qrow(a, q) ?><tr><td><a href="/desk/app/<?cs var:a.number ?>"><?cs var:a.number ?></a><?cs if:a.head ?> <span class="tag"><?cs var:L.desk.next_in_line ?></span><?cs /if ?><?cs if:a.claimed == "other" ?> <span class="tag grey"><?cs var:L.desk.with_other ?></span><?cs elif:a.claimed == "me" ?> <span class="tag"><?cs var:L.desk.with_me ?></span><?cs /if ?><br><span class="small"><?cs var:a.applicant ?></span></td>
<td><?cs var:a.arrived ?></td><td><span class="tag <?cs var:a.sla ?>"><?cs if:a.left < 0 ?><?cs var:0 - a.left ?> <?cs var:L.desk.days_over ?><?cs else ?><?cs var:a.left ?> <?cs var:L.desk.days_left ?><?cs /if ?></span></td></tr><?cs /def ?>
<?cs each:q = Queues ?>
<section class="queue">
<h2><?cs var:q.role_name ?> — <?cs var:q.office_name ?></h2>
<p><?cs var:L.desk.counts ?>: <?cs var:L.svc.tatkal ?> <strong><?cs var:q.n_tatkal ?></strong>, <?cs var:L.desk.fifo ?> <strong><?cs var:q.n_fifo ?></strong></p>
<form method="post" action="/desk/next"><input type="hidden" name="csrf" value="<?cs var:CSRF ?>"><input type="hidden" name="office" value="<?cs var:q.office ?>"><input type="hidden" name="role" value="<?cs var:q.role ?>"><button class="button"><?cs var:L.desk.open_next ?></button></form>
<?cs if:subcount(q.tatkal) ?><h3><?cs var:L.desk.tatkal_stack ?></h3><div class="table-wrap"><table><thead><tr><th><?cs var:L.app.number ?></th><th><?cs var:L.desk.arrived ?></th><th><?cs var:L.desk.time ?></th></tr></thead><tbody><?cs each:a = q.tatkal ?><?cs call:qrow(a, q) ?><?cs /each ?></tbody></table></div><?cs /if ?>
<h3><?cs var:L.desk.fifo_stack ?></h3>
<?cs if:subcount(q.fifo) ?><div class="table-wrap"><table><thead><tr><th><?cs var:L.app.number ?></th><th><?cs var:L.desk.arrived ?></th><th><?cs var:L.desk.time ?></th></tr></thead><tbody><?cs each:a = q.fifo ?><?cs call:qrow(a, q) ?><?cs /each ?></tbody></table></div><?cs else ?><p><?cs var:L.desk.none ?></p><?cs /if ?>
<?cs if:q.more ?><p><a class="show-all" href="/desk?all=1"><?cs var:L.desk.show_all ?> (<?cs var:q.more ?>)</a></p><?cs /if ?>
</section>
<?cs /each ?>
<?cs if:subcount(Appeals) ?><h2><?cs var:L.appeal.queue ?></h2><ul><?cs each:a = Appeals ?><li><a href="/desk/appeal/<?cs var:a.id ?>"><?cs var:a.number ?></a> — <?cs var:L.appeal.level ?> <?cs var:a.level ?>, <?cs var:a.filed ?></li><?cs /each ?></ul><?cs /if ?>
<?cs include:"inc/foot.cs" ?>
