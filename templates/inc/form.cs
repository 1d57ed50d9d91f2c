<?cs # Form helpers: every field shows its label, hint, error (next to the
     field) and the value the user typed.  Values come from Form.val.NAME,
     errors from Form.err.NAME. ?>
<?cs def:field_input(name, label, type, hint, extra) ?>
<div class="field<?cs if:Form.err[name] ?> has-error<?cs /if ?>">
 <label for="f-<?cs var:name ?>"><?cs var:label ?></label>
 <?cs if:hint ?><p class="hint" id="h-<?cs var:name ?>"><?cs var:hint ?></p><?cs /if ?>
 <?cs if:Form.err[name] ?><p class="error-message" id="e-<?cs var:name ?>"><?cs var:Form.err[name] ?></p><?cs /if ?>
 <input id="f-<?cs var:name ?>" name="<?cs var:name ?>" type="<?cs var:type ?>" value="<?cs var:Form.val[name] ?>"<?cs
  if:extra == "mobile" ?> inputmode="numeric" autocomplete="tel-national" maxlength="10"<?cs
  elif:extra == "otp" ?> inputmode="numeric" autocomplete="one-time-code" maxlength="6"<?cs
  elif:extra == "username" ?> autocomplete="username"<?cs
  elif:extra == "password" ?> autocomplete="current-password"<?cs /if ?><?cs
  if:Form.err[name] ?> aria-invalid="true" aria-describedby="e-<?cs var:name ?>"<?cs /if ?>>
</div>
<?cs /def ?>
<?cs def:csrf_field() ?><input type="hidden" name="csrf" value="<?cs var:CSRF ?>"><?cs /def ?>
<?cs def:field_select(name, label, opts, hint) ?>
<div class="field<?cs if:Form.err[name] ?> has-error<?cs /if ?>">
 <label for="f-<?cs var:name ?>"><?cs var:label ?></label>
 <?cs if:hint ?><p class="hint"><?cs var:hint ?></p><?cs /if ?>
 <?cs if:Form.err[name] ?><p class="error-message" id="e-<?cs var:name ?>"><?cs var:Form.err[name] ?></p><?cs /if ?>
 <select id="f-<?cs var:name ?>" name="<?cs var:name ?>">
  <option value=""><?cs var:L.loc.choose ?></option>
  <?cs each:o = opts ?><option value="<?cs var:o.code ?>"<?cs if:o.code == Form.val[name] ?> selected<?cs /if ?>><?cs var:o.name ?></option><?cs /each ?>
 </select>
</div>
<?cs /def ?>
<?cs def:field_textarea(name, label, hint) ?>
<div class="field<?cs if:Form.err[name] ?> has-error<?cs /if ?>">
 <label for="f-<?cs var:name ?>"><?cs var:label ?></label>
 <?cs if:hint ?><p class="hint"><?cs var:hint ?></p><?cs /if ?>
 <?cs if:Form.err[name] ?><p class="error-message" id="e-<?cs var:name ?>"><?cs var:Form.err[name] ?></p><?cs /if ?>
 <textarea id="f-<?cs var:name ?>" name="<?cs var:name ?>" rows="4"><?cs var:Form.val[name] ?></textarea>
</div>
<?cs /def ?>
