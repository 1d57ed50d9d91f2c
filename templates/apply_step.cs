<?cs # One step of applying (src/page_app.c, apply_step): one question, one
     document, Tatkal, or (operators) the applicant's mobile number. ?>
<?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?><?cs include:"inc/picker.cs" ?><?cs include:"inc/svcform.cs" ?>
<p><a class="back" href="<?cs var:Step.back ?>"><?cs var:L.app.step.back ?></a></p>
<p class="caption"><?cs var:Svc.name ?> · <?cs var:L.app.step.step ?> <?cs var:Step.at ?> / <?cs var:Step.of ?></p>
<form method="post" action="/apply/<?cs var:Svc.code ?>" novalidate<?cs if:Step.kind == "doc" ?> enctype="multipart/form-data"<?cs /if ?>>
 <?cs call:csrf_field() ?>
 <input type="hidden" name="idem" value="<?cs var:Idem ?>">
 <input type="hidden" name="step" value="<?cs var:Step.name ?>">
 <?cs if:Step.draft ?><input type="hidden" name="draft" value="<?cs var:Step.draft ?>"><?cs /if ?>
 <?cs if:Step.return ?><input type="hidden" name="return" value="<?cs var:Step.return ?>"><?cs /if ?>
 <?cs if:Step.kind == "mobile" ?>
 <div class="field<?cs if:Form.err.applicant_mobile ?> has-error<?cs /if ?>">
  <h1><label for="f-applicant_mobile"><?cs var:L.app.step.mobile_q ?></label></h1>
  <p class="hint" id="h-applicant_mobile"><?cs var:L.app.applicant_mobile_hint ?></p>
  <?cs if:Form.err.applicant_mobile ?><p class="error-message" id="e-applicant_mobile"><?cs var:Form.err.applicant_mobile ?></p><?cs /if ?>
  <input id="f-applicant_mobile" name="applicant_mobile" type="tel" inputmode="numeric" maxlength="10" autocomplete="off" value="<?cs var:Form.val.applicant_mobile ?>" aria-describedby="h-applicant_mobile<?cs if:Form.err.applicant_mobile ?> e-applicant_mobile<?cs /if ?>"<?cs if:Form.err.applicant_mobile ?> aria-invalid="true"<?cs /if ?>>
 </div>
 <?cs elif:Step.kind == "doc" ?>
 <?cs set:de = "doc_" + Doc.code ?>
 <h1><?cs var:Doc.label ?><?cs if:!Doc.required ?> <span class="small">(<?cs var:L.hr.optional ?>)</span><?cs /if ?></h1>
 <?cs if:Doc.chosen ?>
 <p><?cs var:L.app.step.uploaded ?> <strong><?cs var:Doc.chosen_name ?></strong> — <button class="link" type="submit" name="remove" value="1"><?cs var:L.app.step.remove ?></button></p>
 <?cs /if ?>
 <div class="field<?cs if:Form.err[de] ?> has-error<?cs /if ?>">
  <label for="f-<?cs var:de ?>"><?cs if:Doc.chosen ?><?cs var:L.app.step.upload_other ?><?cs else ?><?cs var:L.app.step.upload ?><?cs /if ?></label>
  <p class="hint" id="h-<?cs var:de ?>"><?cs var:L.app.step.upload_hint ?> <?cs var:Doc.max_kb ?> KB</p>
  <?cs if:Form.err[de] ?><p class="error-message" id="e-<?cs var:de ?>"><?cs var:Form.err[de] ?></p><?cs /if ?>
  <input id="f-<?cs var:de ?>" name="file" type="file" accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" aria-describedby="h-<?cs var:de ?><?cs if:Form.err[de] ?> e-<?cs var:de ?><?cs /if ?>">
 </div>
 <?cs if:subcount(Doc.locker) ?>
 <fieldset class="field radios">
  <legend><?cs var:L.app.step.from_locker ?></legend>
  <?cs each:l = Doc.locker ?><label><input type="radio" name="locker_doc" value="<?cs var:l.id ?>"> <?cs var:l.name ?> <span class="small">(<?cs var:l.kb ?> KB)</span></label><?cs /each ?>
 </fieldset>
 <?cs /if ?>
 <?cs elif:Step.kind == "tatkal" ?>
 <fieldset class="field radios">
  <legend><h1><?cs var:L.app.step.tatkal_q ?></h1></legend>
  <p class="hint"><?cs var:Svc.tatkal_days ?> <?cs var:L.svc.working_days ?>, <?cs var:Svc.fee_tatkal ?> <?cs var:L.svc.extra ?></p>
  <label><input type="radio" name="tatkal" value="yes"<?cs if:Form.val.tatkal == "yes" ?> checked<?cs /if ?>> <?cs var:L.app.step.yes ?></label>
  <label><input type="radio" name="tatkal" value="no"<?cs if:Form.val.tatkal != "yes" ?> checked<?cs /if ?>> <?cs var:L.app.step.no ?></label>
 </fieldset>
 <?cs else ?>
 <?cs if:Svc.fields.0.type == "location" || Svc.fields.0.type == "group" ?><h1><?cs var:Svc.fields.0.label ?></h1><?cs /if ?>
 <?cs each:f = Svc.fields ?><?cs call:svc_field(f) ?><?cs /each ?>
 <?cs /if ?>
 <button class="button" type="submit" id="continue"><?cs var:L.form.continue ?></button>
</form>
<?cs if:Step.draft ?><p><a href="/my"><?cs var:L.app.step.later ?></a></p><?cs /if ?>
<?cs include:"inc/foot.cs" ?>
