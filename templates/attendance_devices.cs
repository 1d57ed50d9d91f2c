<?cs set:Page.title = L.attendance.devices_title ?><?cs include:"inc/head.cs" ?><?cs include:"inc/table.cs" ?><?cs include:"inc/form.cs" ?>
<h1><?cs var:L.attendance.devices_title ?></h1>
<?cs if:NewKey ?><div class="panel" role="status" id="new-key"><h2><?cs var:L.attendance.key_title ?></h2><p><?cs var:L.attendance.key_once ?></p><p><code><?cs var:NewKey ?></code></p></div><?cs /if ?>
<form method="post" action="/attendance/devices">
 <?cs call:csrf_field() ?>
 <?cs call:field_input("vle", L.attendance.vle_ref, "text", "", "") ?>
 <?cs call:field_input("device_id", L.attendance.device_uid, "text", L.attendance.device_hint, "") ?>
 <button class="button"><?cs var:L.attendance.enrol ?></button>
</form>
<?cs call:region(Page.title) ?><table><thead><tr><th><?cs var:L.attendance.vle ?></th><th><?cs var:L.attendance.device_uid ?></th><th><?cs var:L.attendance.bound ?></th><th></th></tr></thead><tbody>
<?cs each:d = Devices ?><tr><td><?cs var:d.name ?><br><span class="small"><?cs var:d.username ?></span></td><td><?cs var:d.uid ?></td><td><?cs var:d.bound_at ?><?cs if:d.unbound_at ?> – <?cs var:d.unbound_at ?><?cs /if ?></td><td><?cs if:!d.unbound_at ?><form method="post" action="/attendance/devices/<?cs var:d.id ?>/unbind"><?cs call:csrf_field() ?><button class="button secondary"><?cs var:L.attendance.unbind ?></button></form><?cs /if ?></td></tr><?cs /each ?>
<?cs if:!subcount(Devices) ?><tr><td colspan="4" class="none-yet"><?cs var:L.none_yet ?></td></tr><?cs /if ?></tbody></table></div>
<?cs include:"inc/foot.cs" ?>
