<?cs set:Page.title = L.attendance.month_title ?><?cs include:"inc/head.cs" ?><?cs include:"inc/table.cs" ?>
<h1><?cs var:L.attendance.month_title ?> — <?cs var:Place.name ?></h1>
<form method="get" action="/attendance/month" class="inline-form">
 <input type="hidden" name="location" value="<?cs var:Place.id ?>">
 <div class="field"><label for="f-month"><?cs var:L.attendance.month ?></label><input id="f-month" type="month" name="month" value="<?cs var:Month ?>"></div>
 <button class="button secondary"><?cs var:L.wallet.show ?></button>
</form>
<?cs call:region(Page.title) ?><table id="month"><thead><tr><th><?cs var:L.attendance.vle ?></th><th><?cs var:L.attendance.gp ?></th><th class="num"><?cs var:L.attendance.status.present ?></th><th class="num"><?cs var:L.attendance.status.late ?></th><th class="num"><?cs var:L.attendance.status.on_duty ?></th><th class="num"><?cs var:L.attendance.status.leave ?></th><th class="num"><?cs var:L.attendance.status.flagged ?></th><th class="num"><?cs var:L.attendance.status.absent ?></th><th class="num"><?cs var:L.attendance.pct ?></th></tr></thead><tbody>
<?cs each:m = Rows ?><tr><td><?cs var:m.name ?></td><td><?cs var:m.gp ?></td><td class="num"><?cs var:m.present ?></td><td class="num"><?cs var:m.late ?></td><td class="num"><?cs var:m.on_duty ?></td><td class="num"><?cs var:m.leave ?></td><td class="num"><?cs var:m.flagged ?></td><td class="num"><?cs var:m.absent ?></td><td class="num"><?cs var:m.pct ?></td></tr><?cs /each ?>
<?cs if:!subcount(Rows) ?><tr><td colspan="9" class="none-yet"><?cs var:L.none_yet ?></td></tr><?cs /if ?></tbody></table></div>
<p class="small"><?cs var:L.attendance.pct_note ?></p>
<?cs include:"inc/foot.cs" ?>
