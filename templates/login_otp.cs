<?cs set:Page.title = L.auth.otp_title ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?>
<h1><?cs var:L.auth.otp_title ?></h1>
<p><?cs var:L.auth.otp_lead ?></p>
<form method="post" action="/login/otp" novalidate>
 <?cs call:csrf_field() ?>
 <?cs call:field_input("mobile", L.auth.mobile, "tel", L.auth.mobile_hint, "mobile") ?>
 <button class="button" type="submit"><?cs var:L.auth.send_otp ?></button>
</form>
<?cs include:"inc/foot.cs" ?>
