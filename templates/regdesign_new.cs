<?cs set:Page.title = L.register.design.new_title ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?>
<p class="small"><a class="back" href="/admin/registers"><?cs var:L.register.admin_title ?></a></p>
<h1><?cs var:L.register.design.new_title ?></h1>
<p><?cs var:L.register.design.new_intro ?></p>
<form method="post" action="/admin/registers/new" novalidate><?cs call:csrf_field() ?>
 <?cs call:field_input("code", L.register.code, "text", L.register.design.code_hint, "") ?>
 <?cs call:field_input("name_en", L.svc.label_en, "text", "", "") ?>
 <?cs call:field_input("name_hi", L.svc.label_hi, "text", "", "") ?>
 <button class="button"><?cs var:L.register.design.create ?></button>
</form>
<?cs include:"inc/foot.cs" ?>
