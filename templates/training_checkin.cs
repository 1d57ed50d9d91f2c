<?cs set:Page.title = L.training.checkin ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?>
<h1><?cs var:L.training.checkin ?></h1>
<p><?cs var:T.0.title ?> — <?cs var:T.0.starts ?>, <?cs var:T.0.venue ?></p>
<form method="post" action="/training/<?cs var:T.0.id ?>/checkin"><?cs call:csrf_field() ?><input type="hidden" name="t" value="<?cs var:Checkin.t ?>">
 <button class="button"><?cs var:L.training.checkin_button ?></button></form>
<?cs include:"inc/foot.cs" ?>
