<?cs set:Page.title = L.hr.created ?><?cs include:"inc/head.cs" ?>
<div class="flash" role="status"><h1><?cs var:L.hr.created ?></h1>
<p><?cs var:L.auth.username ?>: <strong><?cs var:Created.username ?></strong></p>
<p><?cs var:L.hr.initial_password ?>: <code><?cs var:Created.password ?></code></p></div>
<p><?cs var:L.hr.initial_note ?></p>
<p><a class="button" href="/admin/users/<?cs var:Created.id ?>"><?cs var:L.hr.open ?></a> <a class="button secondary" href="/admin/users/new"><?cs var:L.hr.new_title ?></a></p>
<?cs include:"inc/foot.cs" ?>
