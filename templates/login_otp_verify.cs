<?cs set:Page.title = L.auth.otp_enter_title ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?>
<h1><?cs var:L.auth.otp_enter_title ?></h1>
<p><?cs var:L.auth.otp_sent ?> <strong><?cs var:Form.val.mobile ?></strong>.</p>
<form method="post" action="/login/otp/verify" novalidate>
 <?cs call:csrf_field() ?>
 <input type="hidden" name="mobile" value="<?cs var:Form.val.mobile ?>">
 <input type="hidden" name="next" value="<?cs var:Form.val.next ?>">
 <?cs call:field_input("otp", L.auth.otp, "text", L.auth.otp_hint, "otp") ?>
 <button class="button" type="submit"><?cs var:L.auth.continue ?></button>
</form>
<p><a href="/login<?cs if:Form.val.next ?>?next=<?cs var:url_escape(Form.val.next) ?><?cs /if ?>"><?cs var:L.auth.otp_again ?></a></p>
<?cs include:"inc/foot.cs" ?>
