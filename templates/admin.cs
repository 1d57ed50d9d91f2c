<?cs set:Page.title = L.admin.title ?><?cs include:"inc/head.cs" ?>
<h1><?cs var:L.admin.title ?></h1>
<div class="cards">
<?cs if:User.role.state_admin ?>
 <a class="card" href="/admin/users"><h2><?cs var:L.admin.users ?></h2><p><?cs var:L.admin.users_text ?></p></a>
 <a class="card" href="/admin/locations"><h2><?cs var:L.admin.locations ?></h2><p><?cs var:L.admin.locations_text ?></p></a>
 <a class="card" href="/admin/registers"><h2><?cs var:L.register.admin_title ?></h2><p><?cs var:L.register.admin_card ?></p></a>
<?cs /if ?>
 <a class="card" href="/admin/services"><h2><?cs var:L.admin.services ?></h2><p><?cs var:L.admin.services_text ?></p></a>
</div>
<?cs include:"inc/foot.cs" ?>
