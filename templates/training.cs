<?cs set:Page.title = L.training.title ?><?cs include:"inc/head.cs" ?>
<h1><?cs var:L.training.title ?>: <?cs var:Month.name ?></h1>
<p><a href="/exams"><?cs var:L.nav.exams ?></a> · <a href="/learn"><?cs var:L.nav.learn ?></a></p>
<p><a href="/training?month=<?cs var:Month.prev ?>"><?cs var:L.training.prev_month ?></a> · <a href="/training?month=<?cs var:Month.next ?>"><?cs var:L.training.next_month ?></a><?cs if:Organiser ?> · <a class="button" href="/training/new"><?cs var:L.training.schedule ?></a><?cs /if ?><?cs if:Overseer ?> · <a href="/training/compliance"><?cs var:L.training.compliance ?></a> · <a href="/training/report"><?cs var:L.training.reports ?></a><?cs /if ?></p>
<div class="table-wrap" role="region" tabindex="0" aria-label="<?cs var:Month.name ?>"><table id="calendar" class="calendar"><thead><tr><?cs each:d = L.training.weekdays ?><th scope="col"><?cs var:d ?></th><?cs /each ?></tr></thead><tbody>
<?cs each:w = Weeks ?><tr><?cs each:c = w ?><td><?cs if:!c.blank ?><span class="small"><?cs var:c.day ?></span><?cs each:i = c.items ?><br><a href="/training/<?cs var:i.id ?>"><?cs var:i.title ?></a> <span class="small">(<?cs var:L.training.status[i.status] ?>)</span><?cs /each ?><?cs /if ?></td><?cs /each ?></tr><?cs /each ?>
</tbody></table></div>
<h2><?cs var:L.training.list ?></h2>
<?cs if:!List.0.id ?><p id="list-none"><?cs var:L.training.none ?></p><?cs else ?>
<div class="table-wrap" role="region" tabindex="0" aria-label="<?cs var:L.training.list ?>"><table id="list"><thead><tr><th><?cs var:L.training.when ?></th><th><?cs var:L.training.what ?></th><th><?cs var:L.training.type ?></th><th><?cs var:L.training.venue ?></th><th><?cs var:L.training.state ?></th></tr></thead><tbody>
<?cs each:t = List ?><tr><td><?cs var:t.when ?></td><td><a href="/training/<?cs var:t.id ?>"><?cs var:t.title ?></a></td><td><?cs var:L.training.types[t.type] ?></td><td><?cs var:t.venue ?></td><td><?cs var:L.training.status[t.status] ?></td></tr><?cs /each ?>
</tbody></table></div><?cs /if ?>
<?cs include:"inc/foot.cs" ?>
