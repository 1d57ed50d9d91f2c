<?cs set:Page.title = Staff.0.username ?><?cs include:"inc/head.cs" ?><?cs include:"inc/table.cs" ?><?cs include:"inc/form.cs" ?><?cs include:"inc/picker.cs" ?>
<p class="small"><a href="/admin/users"><?cs var:L.admin.users ?></a></p>
<h1><?cs var:Staff.0.first_name ?> <?cs var:Staff.0.last_name ?> <span class="small">(<?cs var:Staff.0.username ?>)</span></h1>
<?cs if:Staff.0.active != "1" ?><p><span class="tag grey"><?cs var:L.loc.inactive ?></span></p><?cs /if ?>
<?cs if:Staff.0.locked_until ?><form method="post" action="/admin/users/<?cs var:Staff.0.id ?>"><?cs call:csrf_field() ?><input type="hidden" name="action" value="unlock"><p><?cs var:L.hr.locked ?> <?cs var:Staff.0.locked_until ?></p><button class="button secondary"><?cs var:L.hr.unlock ?></button></form><?cs /if ?>
<h2><?cs var:L.hr.roles ?></h2>
<?cs call:region(L.hr.roles) ?><table><thead><tr><th><?cs var:L.hr.role ?></th><th><?cs var:L.hr.office ?></th><th><?cs var:L.hr.work_from ?></th><th><?cs var:L.hr.work_to ?></th><th></th></tr></thead><tbody>
<?cs each:h = Holdings ?><tr><td><?cs var:h.role_name ?><?cs if:h.current == "1" ?> <span class="tag green"><?cs var:L.hr.current ?></span><?cs /if ?></td><td><?cs if:h.office ?><?cs var:h.office ?><?cs else ?><?cs var:h.place ?><?cs /if ?></td><td><?cs var:h.from ?></td><td><?cs var:h.to ?><?cs if:h.reason ?> (<?cs var:h.reason ?>)<?cs /if ?></td>
<td><?cs if:h.current == "1" ?><form method="post" action="/admin/users/<?cs var:Staff.0.id ?>"><?cs call:csrf_field() ?><input type="hidden" name="action" value="end_role"><input type="hidden" name="holding" value="<?cs var:h.id ?>"><button class="link"><?cs var:L.hr.end_role ?></button></form><?cs /if ?></td></tr><?cs /each ?>
<?cs if:!subcount(Holdings) ?><tr><td colspan="5" class="none-yet"><?cs var:L.none_yet ?></td></tr><?cs /if ?></tbody></table></div>
<h2><?cs var:L.hr.add_role ?></h2>
<form method="post" action="/admin/users/<?cs var:Staff.0.id ?>" novalidate>
 <?cs call:csrf_field() ?><input type="hidden" name="action" value="add_role">
 <?cs call:field_select("role", L.hr.role, Roles, L.hr.role_hint) ?>
 <?cs call:picker(Picker.place, L.hr.place) ?>
 <?cs call:field_input("work_from", L.hr.work_from, "date", "", "") ?>
 <?cs call:field_input("work_to", L.hr.work_to, "date", L.hr.optional, "") ?>
 <button class="button" type="submit"><?cs var:L.hr.add_role ?></button>
</form>
<h2><?cs var:L.hr.transfer ?></h2>
<p><?cs var:L.hr.transfer_text ?></p>
<form method="post" action="/admin/users/<?cs var:Staff.0.id ?>" novalidate>
 <?cs call:csrf_field() ?><input type="hidden" name="action" value="transfer">
 <div class="field"><label for="f-holding"><?cs var:L.hr.which_role ?></label><select id="f-holding" name="holding"><?cs each:h = Holdings ?><?cs if:h.current == "1" ?><option value="<?cs var:h.id ?>"><?cs var:h.role_name ?> — <?cs var:h.office ?><?cs var:h.place ?></option><?cs /if ?><?cs /each ?></select></div>
 <?cs call:picker(Picker.place, L.hr.new_place) ?>
 <?cs call:field_input("work_from", L.hr.transfer_from, "date", "", "") ?>
 <button class="button" type="submit"><?cs var:L.hr.transfer ?></button>
</form>
<h2><?cs var:L.hr.details ?></h2>
<form method="post" action="/admin/users/<?cs var:Staff.0.id ?>" novalidate>
 <?cs call:csrf_field() ?><input type="hidden" name="action" value="edit">
 <?cs include:"inc/staff_fields.cs" ?>
 <button class="button" type="submit"><?cs var:L.form.save ?></button>
</form>
<h2><?cs var:L.loc.status ?></h2>
<form method="post" action="/admin/users/<?cs var:Staff.0.id ?>"><?cs call:csrf_field() ?>
<?cs if:Staff.0.active == "1" ?><input type="hidden" name="action" value="deactivate"><p><?cs var:L.hr.deactivate_text ?></p><button class="button warning"><?cs var:L.loc.deactivate ?></button>
<?cs else ?><input type="hidden" name="action" value="activate"><button class="button"><?cs var:L.loc.activate ?></button><?cs /if ?></form>
<?cs include:"inc/foot.cs" ?>
