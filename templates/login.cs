<?cs set:Page.title = L.auth.login_title ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?>
<h1><?cs var:L.auth.login_title ?></h1>
<?cs if:Msg ?><div class="error-summary" role="alert"><p><?cs var:Msg ?></p></div><?cs /if ?>
<form method="post" action="/login" novalidate>
 <?cs call:csrf_field() ?>
 <input type="hidden" name="next" value="<?cs var:Form.val.next ?>">
 <?cs call:field_input("username", L.auth.username, "text", "", "username") ?>
 <?cs call:field_input("password", L.auth.password, "password", "", "password") ?>
 <button class="button" type="submit"><?cs var:L.auth.login ?></button>
</form>
<p><a href="/login/reset"><?cs var:L.auth.forgot ?></a></p>
<h2><?cs var:L.auth.citizen_h ?></h2>
<p><?cs var:L.auth.citizen_text ?></p>
<p><a class="button secondary" href="/login/otp"><?cs var:L.auth.citizen_button ?></a></p>
<?cs include:"inc/foot.cs" ?>
