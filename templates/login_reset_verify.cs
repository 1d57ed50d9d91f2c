<?cs set:Page.title = L.auth.reset_title ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?>
<h1><?cs var:L.auth.reset_title ?></h1>
<?cs if:Done ?>
<div class="flash" role="status"><?cs var:L.auth.reset_done ?></div>
<p><a class="button" href="/login"><?cs var:L.auth.login ?></a></p>
<?cs else ?>
<p><?cs var:L.auth.reset_sent ?></p>
<form method="post" action="/login/reset/verify" novalidate>
 <?cs call:csrf_field() ?>
 <input type="hidden" name="username" value="<?cs var:Form.val.username ?>">
 <?cs call:field_input("otp", L.auth.otp, "text", L.auth.otp_hint, "otp") ?>
 <?cs call:field_input("password", L.auth.new_password, "password", L.auth.pw_rules, "") ?>
 <?cs call:field_input("password2", L.auth.new_password2, "password", "", "") ?>
 <button class="button" type="submit"><?cs var:L.auth.reset_button ?></button>
</form>
<?cs /if ?>
<?cs include:"inc/foot.cs" ?>
