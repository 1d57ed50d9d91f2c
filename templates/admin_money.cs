<?cs set:Page.title = L.wallet.recon ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?><?cs include:"inc/table.cs" ?>
<h1><?cs var:L.wallet.recon ?> — <?cs var:M.day_long ?></h1>
<form method="get" action="/admin/money"><?cs call:date_input("day", L.wallet.date, "", M.day) ?><button class="button secondary"><?cs var:L.wallet.show ?></button></form>
<dl class="summary">
 <dt><?cs var:L.wallet.r_debits ?></dt><dd><?cs var:M.wallet_debits ?></dd>
 <dt><?cs var:L.wallet.r_dept ?></dt><dd><?cs var:M.dept ?></dd>
 <dt><?cs var:L.wallet.r_charges ?></dt><dd><?cs var:M.charges ?></dd>
 <dt><?cs var:L.wallet.r_commissions ?></dt><dd><?cs var:M.commissions ?></dd>
 <dt><?cs var:L.wallet.r_refunds ?></dt><dd><?cs var:M.refunds ?></dd>
 <dt><?cs var:L.wallet.r_balanced ?></dt><dd><?cs if:M.balanced ?><span class="tag green"><?cs var:L.wallet.yes ?></span><?cs else ?><span class="tag red"><?cs var:L.wallet.no ?></span><?cs /if ?></dd>
</dl>
<p><a href="/admin/money?day=<?cs var:M.day ?>&amp;format=csv"><?cs var:L.wallet.csv ?></a></p>
<?cs call:region(Page.title) ?><table><thead><tr><th><?cs var:L.wallet.what ?></th><th><?cs var:L.wallet.account ?></th><th class="num"><?cs var:L.pay.amount ?></th><th class="num">#</th></tr></thead><tbody>
<?cs each:x = Rows ?><tr><td><?cs var:x.tkind ?></td><td><?cs var:x.akind ?>: <?cs var:x.name ?></td><td class="num"><?cs var:x.amount ?></td><td class="num"><?cs var:x.n ?></td></tr><?cs /each ?>
<?cs if:!subcount(Rows) ?><tr><td colspan="4" class="none-yet"><?cs var:L.none_yet ?></td></tr><?cs /if ?></tbody></table></div>
<h2 id="owed"><?cs var:L.pay.owed_h ?></h2>
<?cs if:Refunded ?><div class="flash" role="status"><?cs var:L.pay.refund_recorded ?></div><?cs /if ?>
<?cs if:subcount(Owed) ?><p><?cs var:L.pay.owed_lead ?></p>
<?cs call:region(L.pay.owed_h) ?><table><thead><tr><th><?cs var:L.pay.order ?></th><th><?cs var:L.app.number ?></th><th class="num"><?cs var:L.pay.amount ?></th><th><?cs var:L.wallet.date ?></th><th><?cs var:L.pay.refund_h ?></th></tr></thead><tbody>
<?cs each:o = Owed ?><tr><td><?cs var:o.order ?></td><td><?cs var:o.app ?></td><td class="num"><?cs var:o.amount ?></td><td><?cs var:o.at ?></td>
<td><form method="post" action="/admin/money/refund/<?cs var:o.order ?>"><input type="hidden" name="csrf" value="<?cs var:CSRF ?>"><label class="small" for="rf-<?cs var:o.order ?>"><?cs var:L.pay.refund_ref ?></label><input id="rf-<?cs var:o.order ?>" name="reference" type="text" style="width:10em"> <button class="button secondary"><?cs var:L.pay.refund_done ?></button></form></td></tr><?cs /each ?>
</tbody></table></div><?cs else ?><p><?cs var:L.pay.owed_none ?></p><?cs /if ?>
<?cs include:"inc/foot.cs" ?>
