<?cs set:Page.title = L.nav.my ?><?cs include:"inc/head.cs" ?>
<h1><?cs var:L.nav.my ?></h1>
<p><a class="button" href="/services"><?cs var:L.home.apply ?></a> <a class="button secondary" href="/locker"><?cs var:L.locker.title ?></a></p>
<?cs if:subcount(Rows) ?>
<div class="table-wrap"><table><thead><tr><th><?cs var:L.app.number ?></th><th><?cs var:L.app.service ?></th><th><?cs var:L.loc.status ?></th><th><?cs var:L.app.due ?></th></tr></thead><tbody>
<?cs each:a = Rows ?><tr><td><?cs if:a.number ?><a href="/my/app/<?cs var:a.number ?>"><?cs var:a.number ?></a><?cs else ?><a href="/my/drafts/<?cs var:a.id ?>"><?cs var:L.app.draft ?> (<?cs var:a.date ?>)</a><?cs /if ?><br><span class="small"><?cs var:a.applicant ?></span></td>
<td><?cs if:Lang == "hi" ?><?cs var:a.name_hi ?><?cs else ?><?cs var:a.name_en ?><?cs /if ?></td>
<td><span class="tag <?cs if:a.status == "approved" ?>green<?cs elif:a.status == "rejected" || a.status == "revoked" ?>red<?cs elif:a.status == "returned" ?>amber<?cs /if ?>"><?cs var:a.status_text ?></span></td><td><?cs var:a.due ?></td></tr><?cs /each ?>
</tbody></table></div>
<?cs if:Older || Newer ?><p class="pager"><?cs if:Newer ?><a href="/my"><?cs var:L.app.newest ?></a> <?cs /if ?><?cs if:Older ?><a href="/my?before=<?cs var:Older ?>"><?cs var:L.app.older ?></a><?cs /if ?></p><?cs /if ?>
<?cs else ?><p><?cs var:L.app.none ?></p><?cs /if ?>
<?cs include:"inc/foot.cs" ?>
