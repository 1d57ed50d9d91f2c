<?cs set:Page.title = L.auth.staff_title ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?>
<h1><?cs var:L.auth.staff_title ?></h1>
<?cs if:Msg ?><div class="error-summary" role="alert"><p><?cs var:Msg ?></p></div><?cs /if ?>
<form method="post" action="/staff/login" novalidate>
 <?cs call:csrf_field() ?>
 <input type="hidden" name="next" value="<?cs var:Form.val.next ?>">
 <?cs call:field_input("username", L.auth.username, "text", "", "username") ?>
 <?cs call:field_input("password", L.auth.password, "password", "", "password") ?>
 <button class="button" type="submit"><?cs var:L.auth.login ?></button>
</form>
<p><a href="/login/reset"><?cs var:L.auth.forgot ?></a></p>
<p><?cs var:L.auth.citizen_text ?> <a href="/login"><?cs var:L.auth.citizen_button ?></a></p>
<?cs include:"inc/foot.cs" ?>
