<?cs # picker(p): cascading location selects for Picker.NAME (see src/picker.h).
     Each level re-renders on "Update list" without JavaScript. ?>
<?cs def:picker(p, legend) ?>
<fieldset class="field picker<?cs if:Form.err[p.name] ?> has-error<?cs /if ?>" data-picker="<?cs var:p.name ?>" id="f-<?cs var:p.name ?>">
 <legend><?cs var:legend ?></legend>
 <?cs if:Form.err[p.name] ?><p class="error-message"><?cs var:Form.err[p.name] ?></p><?cs /if ?>
 <?cs each:lv = p.levels ?>
 <div class="picker-level">
  <label for="f-<?cs var:lv.field ?>"><?cs var:lv.label ?></label>
  <select id="f-<?cs var:lv.field ?>" name="<?cs var:lv.field ?>" data-placeholder="<?cs var:L.loc.choose ?>"<?cs if:!subcount(lv.options) ?> disabled<?cs /if ?>>
   <option value=""><?cs var:L.loc.choose ?></option>
   <?cs each:o = lv.options ?><option value="<?cs var:o.id ?>"<?cs if:o.id == lv.selected ?> selected<?cs /if ?>><?cs var:o.name ?></option><?cs /each ?>
  </select>
  <?cs if:subcount(lv.options) && !last(lv) ?><button class="button secondary picker-refresh" type="submit" name="refresh" value="<?cs var:p.name ?>" formnovalidate><?cs var:L.loc.update_list ?></button><?cs /if ?>
 </div>
 <?cs /each ?>
</fieldset>
<?cs /def ?>
