<?cs # svc_field(f): one field of any form of the form engine (see
     src/formview.c; services, registers, surveys...).  Inputs are named
     f.input; errors come from Form.err[f.input]. ?>
<?cs # described(f): aria-describedby (hint, error) and aria-invalid of an input ?>
<?cs def:described(f) ?><?cs if:f.help || Form.err[f.input] ?> aria-describedby="<?cs if:f.help ?>h-<?cs var:f.input ?><?cs /if ?><?cs if:Form.err[f.input] ?> e-<?cs var:f.input ?><?cs /if ?>"<?cs /if ?><?cs if:Form.err[f.input] ?> aria-invalid="true"<?cs /if ?><?cs /def ?>
<?cs def:svc_field(f) ?>
<?cs if:f.type == "group" ?>
<fieldset class="field group<?cs if:Form.err[f.input] ?> has-error<?cs /if ?>" id="f-<?cs var:f.input ?>">
 <legend><?cs var:f.label ?></legend>
 <?cs if:f.help ?><p class="hint"><?cs var:f.help ?></p><?cs /if ?>
 <?cs if:Form.err[f.input] ?><p class="error-message" id="e-<?cs var:f.input ?>"><?cs var:Form.err[f.input] ?></p><?cs /if ?>
 <?cs each:row = f.rows ?>
 <div class="group-row"><p class="small"><?cs var:L.svc.row ?> <?cs var:name(row) + 1 ?></p>
  <?cs each:sf = row.fields ?><?cs call:svc_field(sf) ?><?cs /each ?>
 </div>
 <?cs /each ?>
</fieldset>
<?cs elif:f.type == "geopoint" ?>
<fieldset class="field geopoint<?cs if:Form.err[f.input] ?> has-error<?cs /if ?>" id="f-<?cs var:f.input ?>" data-geopoint="<?cs var:f.input ?>"<?cs if:f.show_field ?> data-show-field="<?cs var:f.show_field ?>" data-show-equals="<?cs var:f.show_equals ?>"<?cs /if ?>>
 <legend><?cs var:f.label ?><?cs if:!f.required ?> <span class="small">(<?cs var:L.hr.optional ?>)</span><?cs /if ?></legend>
 <?cs if:f.help ?><p class="hint"><?cs var:f.help ?></p><?cs /if ?>
 <?cs if:Form.err[f.input] ?><p class="error-message"><?cs var:Form.err[f.input] ?></p><?cs /if ?>
 <p class="js-only" hidden><button type="button" class="button secondary" data-geo-use="<?cs var:f.input ?>"><?cs var:L.form.geo_use ?></button></p>
 <label for="f-<?cs var:f.input ?>__lat"><?cs var:L.form.geo_lat ?></label>
 <input id="f-<?cs var:f.input ?>__lat" name="<?cs var:f.input ?>__lat" value="<?cs var:f.lat ?>" type="text" inputmode="decimal" maxlength="14">
 <label for="f-<?cs var:f.input ?>__lon"><?cs var:L.form.geo_lon ?></label>
 <input id="f-<?cs var:f.input ?>__lon" name="<?cs var:f.input ?>__lon" value="<?cs var:f.lon ?>" type="text" inputmode="decimal" maxlength="14">
 <label for="f-<?cs var:f.input ?>__accuracy_m"><?cs var:L.form.geo_accuracy ?></label>
 <input id="f-<?cs var:f.input ?>__accuracy_m" name="<?cs var:f.input ?>__accuracy_m" value="<?cs var:f.accuracy_m ?>" type="text" inputmode="numeric" maxlength="6">
 <input type="hidden" id="f-<?cs var:f.input ?>__fix_at" name="<?cs var:f.input ?>__fix_at" value="<?cs var:f.fix_at ?>">
 <input type="hidden" id="f-<?cs var:f.input ?>__source" name="<?cs var:f.input ?>__source" value="<?cs if:f.source ?><?cs var:f.source ?><?cs else ?>manual<?cs /if ?>">
</fieldset>
<?cs elif:f.type == "computed" ?>
<div class="field computed"<?cs if:f.show_field ?> data-show-field="<?cs var:f.show_field ?>" data-show-equals="<?cs var:f.show_equals ?>"<?cs /if ?>>
 <p class="label"><?cs var:f.label ?></p>
 <?cs if:f.help ?><p class="hint"><?cs var:f.help ?></p><?cs /if ?>
 <?cs if:Form.err[f.input] ?><p class="error-message"><?cs var:Form.err[f.input] ?></p><?cs /if ?>
 <p><output id="f-<?cs var:f.input ?>"><?cs if:f.value ?><?cs var:f.value ?><?cs else ?><?cs var:L.form.computed_hint ?><?cs /if ?></output></p>
</div>
<?cs elif:f.type == "location" ?>
<?cs call:picker(Picker[f.input], f.label) ?>
<?cs elif:f.type == "radio" || (f.type == "checkbox" && subcount(f.options)) || f.type == "multiselect" ?>
<fieldset class="field <?cs if:f.type == "radio" ?>radios<?cs else ?>checks<?cs /if ?><?cs if:Form.err[f.input] ?> has-error<?cs /if ?>" id="fs-<?cs var:f.input ?>"<?cs if:f.show_field ?> data-show-field="<?cs var:f.show_field ?>" data-show-equals="<?cs var:f.show_equals ?>"<?cs /if ?><?cs if:f.help || Form.err[f.input] ?> aria-describedby="<?cs if:f.help ?>h-<?cs var:f.input ?><?cs /if ?><?cs if:Form.err[f.input] ?> e-<?cs var:f.input ?><?cs /if ?>"<?cs /if ?>>
 <legend><?cs if:f.heading ?><h1><?cs /if ?><?cs var:f.label ?><?cs if:!f.required ?> <span class="small">(<?cs var:L.hr.optional ?>)</span><?cs /if ?><?cs if:f.heading ?></h1><?cs /if ?></legend>
 <?cs if:f.help ?><p class="hint" id="h-<?cs var:f.input ?>"><?cs var:f.help ?></p><?cs /if ?>
 <?cs if:Form.err[f.input] ?><p class="error-message" id="e-<?cs var:f.input ?>"><?cs var:Form.err[f.input] ?></p><?cs /if ?>
 <?cs each:o = f.options ?><label><input<?cs if:first(o) ?> id="f-<?cs var:f.input ?>"<?cs /if ?> type="<?cs if:f.type == "radio" ?>radio<?cs else ?>checkbox<?cs /if ?>" name="<?cs var:f.input ?>" value="<?cs var:o.value ?>"<?cs if:o.checked ?> checked<?cs /if ?>> <?cs var:o.label ?></label><?cs /each ?>
</fieldset>
<?cs elif:f.type == "checkbox" ?>
<div class="field checks<?cs if:Form.err[f.input] ?> has-error<?cs /if ?>">
 <?cs if:Form.err[f.input] ?><p class="error-message" id="e-<?cs var:f.input ?>"><?cs var:Form.err[f.input] ?></p><?cs /if ?>
 <label><input id="f-<?cs var:f.input ?>" type="checkbox" name="<?cs var:f.input ?>" value="true"<?cs if:f.checked || f.value == "true" ?> checked<?cs /if ?><?cs if:Form.err[f.input] ?> aria-describedby="e-<?cs var:f.input ?>" aria-invalid="true"<?cs /if ?>> <?cs var:f.label ?></label>
</div>
<?cs elif:f.type == "date" ?>
<?cs call:date_boxes(f.input, f.label, f.help, !f.required, f.day, f.month, f.year, f.show_field, f.show_equals, f.heading) ?>
<?cs else ?>
<div class="field<?cs if:Form.err[f.input] ?> has-error<?cs /if ?>"<?cs if:f.show_field ?> data-show-field="<?cs var:f.show_field ?>" data-show-equals="<?cs var:f.show_equals ?>"<?cs /if ?>>
 <?cs if:f.heading ?><h1><?cs /if ?><label for="f-<?cs var:f.input ?>"><?cs var:f.label ?><?cs if:!f.required ?> <span class="small">(<?cs var:L.hr.optional ?>)</span><?cs /if ?></label><?cs if:f.heading ?></h1><?cs /if ?>
 <?cs if:f.help ?><p class="hint" id="h-<?cs var:f.input ?>"><?cs var:f.help ?></p><?cs /if ?>
 <?cs if:Form.err[f.input] ?><p class="error-message" id="e-<?cs var:f.input ?>"><?cs var:Form.err[f.input] ?></p><?cs /if ?>
 <?cs if:f.type == "select" || ((f.type == "user" || f.type == "ref") && subcount(f.options)) ?>
 <select id="f-<?cs var:f.input ?>" name="<?cs var:f.input ?>"<?cs call:described(f) ?>><option value=""><?cs var:L.loc.choose ?></option>
  <?cs each:o = f.options ?><option value="<?cs var:o.value ?>"<?cs if:o.checked || o.value == f.value ?> selected<?cs /if ?>><?cs var:o.label ?></option><?cs /each ?>
 </select>
 <?cs elif:f.type == "photo" && Svc.upload ?>
 <?cs if:f.value ?><input type="hidden" name="<?cs var:f.input ?>" value="<?cs var:f.value ?>"><p class="small"><?cs var:L.register.photo_kept ?> (<?cs var:f.value ?>)</p><?cs /if ?>
 <p class="hint"><?cs var:L.register.photo_hint ?></p>
 <input id="f-<?cs var:f.input ?>" name="<?cs var:f.input ?>" type="file" accept="image/jpeg,image/png"<?cs call:described(f) ?>>
 <?cs elif:f.type == "file" || f.type == "photo" ?>
 <select id="f-<?cs var:f.input ?>" name="<?cs var:f.input ?>"><option value=""><?cs var:L.loc.choose ?></option>
  <?cs each:d = Locker ?><option value="<?cs var:d.id ?>"<?cs if:d.id == f.value ?> selected<?cs /if ?>><?cs var:d.label ?></option><?cs /each ?>
 </select>
 <?cs else ?>
 <input id="f-<?cs var:f.input ?>" name="<?cs var:f.input ?>" value="<?cs var:f.value ?>" <?cs
  if:f.type == "number" ?>type="text" inputmode="numeric"<?cs
  elif:f.type == "mobile" ?>type="tel" inputmode="numeric" maxlength="10" autocomplete="tel-national"<?cs
  elif:f.type == "pin" ?>type="text" inputmode="numeric" maxlength="6" autocomplete="postal-code"<?cs
  elif:f.type == "aadhaar" ?>type="text" inputmode="numeric" maxlength="14" autocomplete="off"<?cs
  elif:f.type == "email" ?>type="email" autocomplete="email"<?cs
  elif:f.type == "money" ?>type="text" inputmode="decimal" maxlength="20"<?cs
  elif:f.type == "user" || f.type == "ref" ?>type="text" inputmode="numeric" maxlength="12"<?cs
  else ?>type="text"<?cs if:f.maxlength ?> maxlength="<?cs var:f.maxlength ?>"<?cs /if ?><?cs /if ?><?cs call:described(f) ?>>
 <?cs /if ?>
</div>
<?cs /if ?>
<?cs /def ?>
