<?cs set:Page.title = L.wallet.title ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?>
<h1><?cs var:L.wallet.title ?></h1>
<p class="lead"><?cs var:L.csc.balance ?>: <strong><?cs var:W.balance ?></strong></p>
<form method="get" action="/csc/wallet" class="inline-form">
 <?cs call:date_input("from", L.wallet.from, "", W.from) ?>
 <?cs call:date_input("to", L.wallet.to, "", W.to) ?>
 <button class="button secondary"><?cs var:L.wallet.show ?></button>
</form>
<p><a href="/csc/wallet?from=<?cs var:W.from ?>&amp;to=<?cs var:W.to ?>&amp;format=csv"><?cs var:L.wallet.csv ?></a> · <a href="/csc/wallet?from=<?cs var:W.from ?>&amp;to=<?cs var:W.to ?>&amp;format=pdf"><?cs var:L.wallet.pdf ?></a></p>
<table class="stack passbook"><thead><tr><th><?cs var:L.wallet.date ?></th><th><?cs var:L.wallet.what ?></th><th class="num"><?cs var:L.pay.amount ?></th><th class="num"><?cs var:L.wallet.balance ?></th></tr></thead><tbody>
<tr><td class="when"><?cs var:W.from_long ?></td><td><?cs var:L.wallet.opening ?></td><td></td><td class="num" data-label="<?cs var:L.wallet.balance ?>"><?cs var:W.opening ?></td></tr>
<?cs each:e = Rows ?><tr><td class="when"><?cs var:e.at ?></td><td><?cs var:e.kind ?><?cs if:e.app ?> — <a href="/my/app/<?cs var:e.app ?>"><?cs var:e.app ?></a><?cs elif:e.ref ?> — <?cs var:e.ref ?><?cs /if ?></td><td class="num amt"><?cs var:e.amount ?></td><td class="num" data-label="<?cs var:L.wallet.balance ?>"><?cs var:e.balance ?></td></tr><?cs /each ?>
<?cs if:!subcount(Rows) ?><tr><td colspan="4" class="none-yet"><?cs var:L.none_yet ?></td></tr><?cs /if ?>
<tr><td class="when"><?cs var:W.to_long ?></td><td><strong><?cs var:L.wallet.closing ?></strong></td><td></td><td class="num" data-label="<?cs var:L.wallet.balance ?>"><strong><?cs var:W.closing ?></strong></td></tr>
</tbody></table>
<h2><?cs var:L.wallet.topup ?></h2>
<form method="post" action="/pay/start"><input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
 <div class="field"><label for="f-topup"><?cs var:L.wallet.topup_amount ?></label><input id="f-topup" name="topup" type="text" inputmode="decimal"></div>
 <button class="button"><?cs var:L.wallet.topup_button ?></button></form>
<?cs include:"inc/foot.cs" ?>
