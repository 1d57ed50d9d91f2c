 <?cs call:field_input("first_name", L.hr.first_name, "text", "", "") ?>
 <?cs call:field_input("middle_name", L.hr.middle_name, "text", L.hr.optional, "") ?>
 <?cs call:field_input("last_name", L.hr.last_name, "text", L.hr.optional, "") ?>
 <?cs call:field_input("email", L.hr.email, "email", L.hr.optional, "") ?>
 <?cs call:field_input("mobile", L.auth.mobile, "tel", L.auth.mobile_hint, "mobile") ?>
 <?cs call:field_input("dob", L.hr.dob, "date", L.hr.dob_hint, "") ?>
 <div class="field<?cs if:Form.err.user_type ?> has-error<?cs /if ?>"><label for="f-user_type"><?cs var:L.hr.user_type ?></label>
 <?cs if:Form.err.user_type ?><p class="error-message"><?cs var:Form.err.user_type ?></p><?cs /if ?>
 <select id="f-user_type" name="user_type">
  <?cs each:t = L.hr.types ?><option value="<?cs name:t ?>"<?cs if:Form.val.user_type == name(t) ?> selected<?cs /if ?>><?cs var:t ?></option><?cs /each ?>
 </select></div>
 <?cs call:field_input("designation", L.hr.designation, "text", L.hr.designation_hint, "") ?>
 <?cs call:field_input("csc_id", L.hr.csc_id, "text", L.hr.csc_hint, "") ?>
