<?cs # The questions of a survey form as a VLE fills them (Fields, from
     formview_fill): a photo question is a camera upload, every other one
     the form engine's svc_field.  Used by the task page and the preview. ?>
<?cs each:f = Fields ?><?cs if:f.type == "photo" ?>
<div class="field<?cs if:Form.err[f.input] ?> has-error<?cs /if ?>">
 <label for="f-<?cs var:f.input ?>"><?cs var:f.label ?></label>
 <p class="hint"><?cs var:L.survey.photo_hint ?></p>
 <?cs if:Form.err[f.input] ?><p class="error-message" id="e-<?cs var:f.input ?>"><?cs var:Form.err[f.input] ?></p><?cs /if ?>
 <input id="f-<?cs var:f.input ?>" name="<?cs var:f.input ?>" type="file" accept="image/jpeg,image/png" capture="environment">
</div>
<?cs else ?><?cs call:svc_field(f) ?><?cs /if ?><?cs /each ?>
