<?cs # Form helpers: every field shows its label, hint, error (next to the
     field) and the value the user typed.  Values come from Form.val.NAME,
     errors from Form.err.NAME. ?>
<?cs # A date as GOV.UK asks for one: Day, Month and Year boxes, never the
     browser's mm/dd/yyyy picker.  They post NAME-day, NAME-month and
     NAME-year, which the request parser joins into NAME (src/req.c
     req_join_dates).  date_boxes draws them with the values given (opt:
     "(optional)" after the legend; sf, se: a service field's show-if; head:
     the legend is the page's heading, h1); date_input fills them from what was typed (Form.val.NAME-day
     ..., kept by form_keep) or from a stored YYYY-MM-DD. ?>
<?cs def:date_boxes(name, label, hint, opt, d, m, y, sf, se, head) ?>
<fieldset class="field date<?cs if:Form.err[name] ?> has-error<?cs /if ?>" role="group" aria-describedby="h-<?cs var:name ?><?cs if:Form.err[name] ?> e-<?cs var:name ?><?cs /if ?>"<?cs if:sf ?> data-show-field="<?cs var:sf ?>" data-show-equals="<?cs var:se ?>"<?cs /if ?>>
 <legend><?cs if:head ?><h1><?cs /if ?><?cs var:label ?><?cs if:opt ?> <span class="small">(<?cs var:L.hr.optional ?>)</span><?cs /if ?><?cs if:head ?></h1><?cs /if ?></legend>
 <p class="hint" id="h-<?cs var:name ?>"><?cs if:hint ?><?cs var:hint ?> <?cs /if ?><?cs var:L.form.date_hint ?></p>
 <?cs if:Form.err[name] ?><p class="error-message" id="e-<?cs var:name ?>"><?cs var:Form.err[name] ?></p><?cs /if ?>
 <div class="date-input">
  <div class="date-item"><label for="f-<?cs var:name ?>"><?cs var:L.form.day ?></label><input class="w2" id="f-<?cs var:name ?>" name="<?cs var:name ?>-day" value="<?cs var:d ?>" type="text" inputmode="numeric" maxlength="2" autocomplete="off"<?cs if:Form.err[name] ?> aria-invalid="true"<?cs /if ?>></div>
  <div class="date-item"><label for="f-<?cs var:name ?>-month"><?cs var:L.form.month ?></label><input class="w2" id="f-<?cs var:name ?>-month" name="<?cs var:name ?>-month" value="<?cs var:m ?>" type="text" inputmode="numeric" maxlength="2" autocomplete="off"<?cs if:Form.err[name] ?> aria-invalid="true"<?cs /if ?>></div>
  <div class="date-item"><label for="f-<?cs var:name ?>-year"><?cs var:L.form.year ?></label><input class="w4" id="f-<?cs var:name ?>-year" name="<?cs var:name ?>-year" value="<?cs var:y ?>" type="text" inputmode="numeric" maxlength="4" autocomplete="off"<?cs if:Form.err[name] ?> aria-invalid="true"<?cs /if ?>></div>
 </div>
</fieldset>
<?cs /def ?>
<?cs def:date_input(name, label, hint, ymd) ?><?cs
 if:Form.val[name + "-day"] || Form.val[name + "-month"] || Form.val[name + "-year"] ?><?cs
  call:date_boxes(name, label, hint, 0, Form.val[name + "-day"], Form.val[name + "-month"], Form.val[name + "-year"], "", "", "") ?><?cs
 elif:string.length(ymd) == 10 ?><?cs
  call:date_boxes(name, label, hint, 0, string.slice(ymd, 8, 10), string.slice(ymd, 5, 7), string.slice(ymd, 0, 4), "", "", "") ?><?cs
 else ?><?cs call:date_boxes(name, label, hint, 0, "", "", "", "", "", "") ?><?cs /if ?><?cs /def ?>
<?cs def:field_input(name, label, type, hint, extra) ?>
<?cs if:type == "date" ?><?cs call:date_input(name, label, hint, Form.val[name]) ?><?cs else ?>
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
<?cs /if ?>
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
