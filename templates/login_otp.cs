<?cs set:Page.title = L.auth.mobile_q ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?>
<form method="post" action="/login/otp" novalidate>
 <?cs call:csrf_field() ?>
 <input type="hidden" name="next" value="<?cs var:Form.val.next ?>">
 <div class="field<?cs if:Form.err.mobile ?> has-error<?cs /if ?>">
  <h1><label for="f-mobile"><?cs var:L.auth.mobile_q ?></label></h1>
  <p class="hint" id="h-mobile"><?cs var:L.auth.otp_lead ?> <?cs var:L.auth.mobile_hint ?></p>
  <?cs if:Form.err.mobile ?><p class="error-message" id="e-mobile"><?cs var:Form.err.mobile ?></p><?cs /if ?>
  <input id="f-mobile" name="mobile" type="tel" value="<?cs var:Form.val.mobile ?>" inputmode="numeric" autocomplete="tel-national" maxlength="10" aria-describedby="h-mobile<?cs if:Form.err.mobile ?> e-mobile<?cs /if ?>"<?cs if:Form.err.mobile ?> aria-invalid="true"<?cs /if ?>>
 </div>
 <button class="button" type="submit"><?cs var:L.auth.send_otp ?></button>
</form>
<p class="small"><?cs var:L.auth.no_register ?></p>
<p class="small"><?cs var:L.auth.staff_q ?> <a href="<?cs var:StaffLink ?>"><?cs var:L.auth.staff_link ?></a></p>
<?cs include:"inc/foot.cs" ?>
