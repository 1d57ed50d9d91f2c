<?cs set:Page.title = L.hr.new_title ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?><?cs include:"inc/picker.cs" ?>
<h1><?cs var:L.hr.new_title ?></h1>
<form method="post" action="/admin/users/new" novalidate>
 <?cs call:csrf_field() ?>
 <?cs call:field_input("username", L.auth.username, "text", L.hr.username_hint, "") ?>
 <?cs include:"inc/staff_fields.cs" ?>
 <h2><?cs var:L.hr.first_role ?></h2>
 <?cs call:field_select("role", L.hr.role, Roles, L.hr.role_hint) ?>
 <?cs call:picker(Picker.place, L.hr.place) ?>
 <?cs call:field_input("work_from", L.hr.work_from, "date", "", "") ?>
 <?cs call:field_input("work_to", L.hr.work_to, "date", L.hr.optional, "") ?>
 <button class="button" type="submit"><?cs var:L.hr.create ?></button>
</form>
<?cs include:"inc/foot.cs" ?>
