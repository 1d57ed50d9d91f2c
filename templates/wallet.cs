<?cs set:Page.title = L.wallet.title ?><?cs include:"inc/head.cs" ?>
<h1><?cs var:L.wallet.title ?></h1>
<p class="lead"><?cs var:L.csc.balance ?>: <strong><?cs var:W.balance ?></strong></p>
<form method="get" action="/csc/wallet" class="inline-form">
 <div class="field"><label for="f-from"><?cs var:L.wallet.from ?></label><input id="f-from" type="date" name="from" value="<?cs var:W.from ?>"></div>
 <div class="field"><label for="f-to"><?cs var:L.wallet.to ?></label><input id="f-to" type="date" name="to" value="<?cs var:W.to ?>"></div>
 <button class="button secondary"><?cs var:L.wallet.show ?></button>
</form>
<p><a href="/csc/wallet?from=<?cs var:W.from ?>&amp;to=<?cs var:W.to ?>&amp;format=csv"><?cs var:L.wallet.csv ?></a> · <a href="/csc/wallet?from=<?cs var:W.from ?>&amp;to=<?cs var:W.to ?>&amp;format=pdf"><?cs var:L.wallet.pdf ?></a></p>
<table class="stack passbook"><thead><tr><th><?cs var:L.wallet.date ?></th><th><?cs var:L.wallet.what ?></th><th class="num"><?cs var:L.pay.amount ?></th><th class="num"><?cs var:L.wallet.balance ?></th></tr></thead><tbody>
<tr><td data-label="<?cs var:L.wallet.date ?>"><?cs var:W.from ?></td><td data-label="<?cs var:L.wallet.what ?>"><?cs var:L.wallet.opening ?></td><td></td><td class="num" data-label="<?cs var:L.wallet.balance ?>"><?cs var:W.opening ?></td></tr>
<?cs each:e = Rows ?><tr><td data-label="<?cs var:L.wallet.date ?>"><?cs var:e.at ?></td><td data-label="<?cs var:L.wallet.what ?>"><?cs var:e.kind ?><?cs if:e.app ?> — <a href="/my/app/<?cs var:e.app ?>"><?cs var:e.app ?></a><?cs elif:e.ref ?> — <?cs var:e.ref ?><?cs /if ?></td><td class="num" data-label="<?cs var:L.pay.amount ?>"><?cs var:e.amount ?></td><td class="num" data-label="<?cs var:L.wallet.balance ?>"><?cs var:e.balance ?></td></tr><?cs /each ?>
<?cs if:!subcount(Rows) ?><tr><td colspan="4" class="none-yet"><?cs var:L.none_yet ?></td></tr><?cs /if ?>
<tr><td data-label="<?cs var:L.wallet.date ?>"><?cs var:W.to ?></td><td data-label="<?cs var:L.wallet.what ?>"><strong><?cs var:L.wallet.closing ?></strong></td><td></td><td class="num" data-label="<?cs var:L.wallet.balance ?>"><strong><?cs var:W.closing ?></strong></td></tr>
</tbody></table>
<h2><?cs var:L.wallet.topup ?></h2>
<form method="post" action="/pay/start"><input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
 <div class="field"><label for="f-topup"><?cs var:L.wallet.topup_amount ?></label><input id="f-topup" name="topup" type="text" inputmode="decimal"></div>
 <button class="button"><?cs var:L.wallet.topup_button ?></button></form>
<?cs include:"inc/foot.cs" ?>
