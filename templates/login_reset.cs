<?cs set:Page.title = L.auth.reset_title ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?>
<h1><?cs var:L.auth.reset_title ?></h1>
<p><?cs var:L.auth.reset_lead ?></p>
<form method="post" action="/login/reset" novalidate>
 <?cs call:csrf_field() ?>
 <?cs call:field_input("username", L.auth.username, "text", "", "username") ?>
 <button class="button" type="submit"><?cs var:L.auth.send_otp ?></button>
</form>
<?cs include:"inc/foot.cs" ?>
