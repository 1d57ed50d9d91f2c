<?cs set:Page.title = L.profile.title ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?><?cs include:"inc/picker.cs" ?>
<h1><?cs var:L.profile.title ?></h1>
<?cs if:Welcome ?><div class="flash" role="status"><?cs var:L.profile.welcome ?></div><?cs /if ?>
<dl class="summary"><dt><?cs var:L.auth.mobile ?></dt><dd><?cs var:Form.val.mobile ?></dd><?cs if:Form.val.username ?><dt><?cs var:L.auth.username ?></dt><dd><?cs var:Form.val.username ?></dd><?cs /if ?></dl>
<form method="post" action="/profile" novalidate>
 <?cs call:csrf_field() ?>
 <?cs call:field_input("first_name", L.hr.first_name, "text", "", "") ?>
 <?cs call:field_input("middle_name", L.hr.middle_name, "text", L.hr.optional, "") ?>
 <?cs call:field_input("last_name", L.hr.last_name, "text", L.hr.optional, "") ?>
 <?cs call:field_input("email", L.hr.email, "email", L.hr.optional, "") ?>
 <?cs call:picker(Picker.addr, L.profile.address) ?>
 <?cs call:field_input("address_line", L.profile.address_line, "text", L.profile.address_line_hint, "") ?>
 <fieldset class="field radios<?cs if:Form.err.lang ?> has-error<?cs /if ?>"><legend><?cs var:L.profile.lang ?></legend>
  <label><input type="radio" name="lang" value="en"<?cs if:Form.val.lang != "hi" ?> checked<?cs /if ?>> English</label>
  <label><input type="radio" name="lang" value="hi"<?cs if:Form.val.lang == "hi" ?> checked<?cs /if ?>> हिन्दी</label>
 </fieldset>
 <button class="button" type="submit"><?cs var:L.form.save ?></button>
</form>
<h2><?cs var:L.profile.sessions ?></h2>
<form method="post" action="/logout/all"><?cs call:csrf_field() ?><p><?cs var:L.profile.logout_all_text ?></p><button class="button secondary"><?cs var:L.profile.logout_all ?></button></form>
<?cs include:"inc/foot.cs" ?>
