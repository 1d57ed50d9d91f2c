<?cs set:Page.title = L.nav.csc ?><?cs include:"inc/head.cs" ?><?cs include:"inc/table.cs" ?>
<h1><?cs var:L.nav.csc ?></h1>
<p class="lead"><?cs var:L.csc.balance ?>: <strong><?cs var:Wallet ?></strong></p>
<h2><?cs var:L.csc.new ?></h2>
<ul class="service-list"><?cs each:s = Services ?><li><a class="button secondary" href="/apply/<?cs var:s.code ?>"><?cs if:Lang == "hi" ?><?cs var:s.name_hi ?><?cs else ?><?cs var:s.name_en ?><?cs /if ?></a></li><?cs /each ?></ul>
<p><a class="button secondary" href="/csc/bills"><?cs var:L.bill.title ?></a> <a class="button secondary" href="/csc/wallet"><?cs var:L.wallet.title ?></a></p>
<p><a href="/locker"><?cs var:L.csc.locker ?></a> · <a href="/my"><?cs var:L.csc.all ?></a></p>
<h2 id="recent-h"><?cs var:L.csc.recent ?></h2>
<?cs if:subcount(Rows) ?>
<table class="stack" aria-labelledby="recent-h"><thead><tr><th><?cs var:L.app.number ?></th><th><?cs var:L.csc.applicant ?></th><th><?cs var:L.app.service ?></th><th><?cs var:L.loc.status ?></th></tr></thead><tbody>
<?cs each:a = Rows ?><tr><td data-label="<?cs var:L.app.number ?>"><?cs if:a.number ?><a href="/my/app/<?cs var:a.number ?>"><?cs var:a.number ?></a><?cs else ?><a href="/my/drafts/<?cs var:a.id ?>"><?cs var:L.app.draft ?></a><?cs /if ?></td><td data-label="<?cs var:L.csc.applicant ?>"><?cs var:a.applicant ?></td><td data-label="<?cs var:L.app.service ?>"><?cs if:Lang == "hi" ?><?cs var:a.name_hi ?><?cs else ?><?cs var:a.name_en ?><?cs /if ?></td><td data-label="<?cs var:L.loc.status ?>"><?cs call:status_tag(a.status) ?></td></tr><?cs /each ?>
</tbody></table>
<?cs else ?><?cs call:none_yet() ?><?cs /if ?>
<?cs include:"inc/foot.cs" ?>
