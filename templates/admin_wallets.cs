<?cs set:Page.title = L.wallet.admin_title ?><?cs include:"inc/head.cs" ?><?cs include:"inc/table.cs" ?>
<h1><?cs var:L.wallet.admin_title ?><?cs if:Loc ?> — <?cs var:Loc ?><?cs /if ?></h1>
<?cs if:Topped ?><div class="flash" role="status"><?cs var:L.wallet.topped ?></div><?cs /if ?>
<?cs if:Repeat ?><div class="error-summary" role="alert"><p><?cs var:L.wallet.topup_repeat ?></p></div><?cs /if ?>
<p><a href="/admin/money"><?cs var:L.wallet.recon ?></a></p>
<?cs call:region(Page.title) ?><table><thead><tr><th><?cs var:L.auth.username ?></th><th><?cs var:L.hr.csc_id ?></th><th><?cs var:L.loc.name ?></th><th class="num"><?cs var:L.wallet.balance ?></th><th><?cs var:L.wallet.topup ?></th></tr></thead><tbody>
<?cs each:w = Rows ?><tr><td><?cs var:w.username ?><br><span class="small"><?cs var:w.name ?></span></td><td><?cs var:w.csc_id ?></td><td><?cs var:w.place ?></td><td class="num"><?cs var:w.balance ?></td>
<td><form method="post" action="/admin/wallets/<?cs var:w.id ?>"><input type="hidden" name="csrf" value="<?cs var:CSRF ?>"><label class="small" for="r-<?cs var:w.id ?>"><?cs var:L.wallet.rupees ?></label><input id="r-<?cs var:w.id ?>" name="rupees" type="text" inputmode="decimal" style="width:6em"><label class="small" for="ref-<?cs var:w.id ?>"><?cs var:L.wallet.reference ?></label><input id="ref-<?cs var:w.id ?>" name="reference" type="text" style="width:10em"><button class="button secondary"><?cs var:L.wallet.topup_button ?></button></form></td></tr><?cs /each ?>
<?cs if:!subcount(Rows) ?><tr><td colspan="5" class="none-yet"><?cs var:L.none_yet ?></td></tr><?cs /if ?></tbody></table></div>
<?cs include:"inc/foot.cs" ?>
