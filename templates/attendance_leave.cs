<?cs set:Page.title = L.attendance.leave_title ?><?cs include:"inc/head.cs" ?><?cs include:"inc/table.cs" ?><?cs include:"inc/form.cs" ?>
<h1><?cs var:L.attendance.leave_title ?></h1>
<?cs if:Vle ?>
<form method="post" action="/attendance/leave">
 <?cs call:csrf_field() ?>
 <div class="field<?cs if:Form.err.kind ?> has-error<?cs /if ?>"><label for="f-kind"><?cs var:L.attendance.kind ?></label><?cs if:Form.err.kind ?><p class="error-message"><?cs var:Form.err.kind ?></p><?cs /if ?>
 <select id="f-kind" name="kind"><option value="leave"><?cs var:L.attendance.kind_leave ?></option><option value="on_duty"<?cs if:Form.val.kind == "on_duty" ?> selected<?cs /if ?>><?cs var:L.attendance.kind_on_duty ?></option></select></div>
 <?cs call:field_input("from", L.attendance.from, "date", "", "") ?>
 <?cs call:field_input("to", L.attendance.to, "date", "", "") ?>
 <?cs call:field_textarea("reason", L.attendance.reason, "") ?>
 <button class="button"><?cs var:L.attendance.ask ?></button>
</form>
<h2><?cs var:L.attendance.my_requests ?></h2>
<?cs call:region(L.attendance.my_requests) ?><table id="mine"><thead><tr><th><?cs var:L.attendance.kind ?></th><th><?cs var:L.attendance.from ?></th><th><?cs var:L.attendance.to ?></th><th><?cs var:L.attendance.state ?></th></tr></thead><tbody>
<?cs each:l = Mine ?><tr><td><?cs var:L.attendance.kinds[l.kind] ?></td><td><?cs var:l.from ?></td><td><?cs var:l.to ?></td><td><?cs var:L.attendance.leave_status[l.status] ?><?cs if:l.note ?><br><span class="small"><?cs var:l.note ?></span><?cs /if ?></td></tr><?cs /each ?>
<?cs if:!subcount(Mine) ?><tr><td colspan="4" class="none-yet"><?cs var:L.none_yet ?></td></tr><?cs /if ?></tbody></table></div>
<?cs /if ?>
<?cs if:Reviewer ?>
<h2><?cs var:L.attendance.leave_queue ?></h2>
<?cs each:l = Queue ?>
<section class="panel" id="leave-<?cs var:l.id ?>"><p><strong><?cs var:l.name ?></strong> — <?cs var:L.attendance.kinds[l.kind] ?>, <?cs var:l.from ?> – <?cs var:l.to ?></p><p><?cs var:l.reason ?></p>
<form method="post" action="/attendance/leave/<?cs var:l.id ?>"><?cs call:csrf_field() ?>
 <div class="field"><label for="n-<?cs var:l.id ?>"><?cs var:L.attendance.note ?></label><input id="n-<?cs var:l.id ?>" name="note" type="text" maxlength="300"></div>
 <button class="button" name="decision" value="approve"><?cs var:L.attendance.approve ?></button> <button class="button warning" name="decision" value="refuse"><?cs var:L.attendance.refuse ?></button></form></section>
<?cs /each ?>
<?cs if:!Queue.0.id ?><p><?cs var:L.attendance.no_requests ?></p><?cs /if ?>
<?cs /if ?>
<?cs include:"inc/foot.cs" ?>
