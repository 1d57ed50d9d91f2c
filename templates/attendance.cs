<?cs set:Page.title = L.attendance.title ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?><?cs include:"inc/table.cs" ?>
<h1><?cs var:L.attendance.title ?><?cs if:Place.name ?> — <?cs var:Place.name ?><?cs /if ?></h1>
<?cs if:Me.placed ?>
<section class="panel">
 <h2><?cs var:L.attendance.my_day ?></h2>
 <p><?cs var:L.attendance.gp ?>: <strong><?cs var:Me.gp ?></strong></p>
 <p><?cs var:L.attendance.today ?>: <strong id="my-status"><?cs if:Me.today ?><?cs var:L.attendance.status[Me.today] ?><?cs else ?><?cs var:L.attendance.status.none ?><?cs /if ?></strong></p>
 <?cs if:Me.last_at ?><p class="small"><?cs var:L.attendance.last_checkin ?>: <?cs var:Me.last_at ?></p><?cs /if ?>
 <p><a class="button" href="/attendance/checkin"><?cs var:L.attendance.checkin_button ?></a> <a href="/attendance/leave"><?cs var:L.attendance.leave_link ?></a></p>
</section>
<?cs elif:User.role.csc ?><p><?cs var:L.attendance.no_gp ?></p><?cs /if ?>
<?cs if:Place.id ?>
<form method="get" action="/attendance" class="inline-form">
 <input type="hidden" name="location" value="<?cs var:Place.id ?>">
 <?cs call:date_input("day", L.attendance.day, "", Day) ?>
 <button class="button secondary"><?cs var:L.wallet.show ?></button>
</form>
<p><?cs if:Place.parent && Place.type != "district" ?><a href="/attendance?location=<?cs var:Place.parent ?>&amp;day=<?cs var:Day ?>"><?cs var:L.attendance.up ?></a> · <?cs /if ?><a href="/attendance/map?location=<?cs var:Place.id ?>&amp;day=<?cs var:Day ?>"><?cs var:L.attendance.map_link ?></a> · <a href="/attendance/month?location=<?cs var:Place.id ?>"><?cs var:L.attendance.month_link ?></a><?cs if:Reviewer ?> · <a href="/attendance/review"><?cs var:L.attendance.review_link ?></a> · <a href="/attendance/devices"><?cs var:L.attendance.devices_link ?></a> · <a href="/attendance/leave"><?cs var:L.attendance.leave_queue_link ?></a><?cs /if ?></p>
<?cs if:Blocks.0.id ?>
<h2><?cs var:L.attendance.by_block ?></h2>
<?cs call:region(L.attendance.by_block) ?><table id="blocks"><thead><tr><th><?cs var:L.attendance.block ?></th><th class="num"><?cs var:L.attendance.vles ?></th><th class="num"><?cs var:L.attendance.status.present ?></th><th class="num"><?cs var:L.attendance.status.late ?></th><th class="num"><?cs var:L.attendance.status.on_duty ?></th><th class="num"><?cs var:L.attendance.status.leave ?></th><th class="num"><?cs var:L.attendance.status.flagged ?></th><th class="num"><?cs var:L.attendance.status.absent ?></th><th class="num"><?cs var:L.attendance.status.none ?></th></tr></thead><tbody>
<?cs each:b = Blocks ?><tr><td><a href="/attendance?location=<?cs var:b.id ?>&amp;day=<?cs var:Day ?>"><?cs if:Lang == "hi" && b.name_hi ?><?cs var:b.name_hi ?><?cs else ?><?cs var:b.name_en ?><?cs /if ?></a></td><td class="num"><?cs var:b.vles ?></td><td class="num"><?cs var:b.present ?></td><td class="num"><?cs var:b.late ?></td><td class="num"><?cs var:b.on_duty ?></td><td class="num"><?cs var:b.leave ?></td><td class="num"><?cs var:b.flagged ?></td><td class="num"><?cs var:b.absent ?></td><td class="num"><?cs var:b.not_yet ?></td></tr><?cs /each ?>
<?cs if:!subcount(Blocks) ?><tr><td colspan="9" class="none-yet"><?cs var:L.none_yet ?></td></tr><?cs /if ?></tbody></table></div>
<?cs /if ?>
<?cs if:Trend ?><h2><?cs var:L.attendance.trend ?></h2><div class="chart"><?cs uvar:Trend ?></div><?cs /if ?>
<?cs if:Muster.0.id ?>
<h2><?cs var:L.attendance.muster ?></h2>
<?cs call:region(L.attendance.muster) ?><table id="muster"><thead><tr><th><?cs var:L.attendance.vle ?></th><th><?cs var:L.attendance.gp ?></th><th><?cs var:L.attendance.availability ?></th><th><?cs var:L.attendance.first ?></th><th><?cs var:L.attendance.last_checkin ?></th></tr></thead><tbody>
<?cs each:m = Muster ?><tr><td><?cs var:m.name ?><br><span class="small"><?cs var:m.username ?></span></td><td><?cs if:Lang == "hi" ?><?cs var:m.gp_hi ?><?cs else ?><?cs var:m.gp_en ?><?cs /if ?></td><td class="status-<?cs var:m.status ?>"><?cs if:m.status ?><?cs var:L.attendance.status[m.status] ?><?cs else ?><?cs var:L.attendance.status.none ?><?cs /if ?></td><td><?cs var:m.first_at ?></td><td><?cs var:m.last_at ?></td></tr><?cs /each ?>
<?cs if:!subcount(Muster) ?><tr><td colspan="5" class="none-yet"><?cs var:L.none_yet ?></td></tr><?cs /if ?></tbody></table></div>
<?cs elif:!Blocks.0.id ?><p><?cs var:L.attendance.nobody ?></p><?cs /if ?>
<?cs /if ?>
<?cs include:"inc/foot.cs" ?>
