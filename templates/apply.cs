<?cs set:Page.title = Svc.name ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?><?cs include:"inc/picker.cs" ?><?cs include:"inc/svcform.cs" ?>
<?cs if:Preview ?><p class="tag amber"><?cs var:L.svc.preview_note ?></p><?cs /if ?>
<h1><?cs var:Svc.name ?></h1>
<?cs if:App.number ?><p class="small"><?cs var:L.app.number ?>: <?cs var:App.number ?></p><?cs /if ?>
<?cs if:App.return_remarks ?><div class="error-summary"><h2><?cs var:L.app.returned_h ?></h2><p><?cs var:App.return_remarks ?></p></div><?cs /if ?>
<form method="post" action="<?cs if:Action ?><?cs var:Action ?><?cs else ?>/apply/<?cs var:Svc.code ?><?cs /if ?>" novalidate>
 <?cs call:csrf_field() ?>
 <input type="hidden" name="idem" value="<?cs var:Idem ?>">
 <?cs if:Channel.operator ?>
 <h2><?cs var:L.app.applicant ?></h2>
 <?cs call:field_input("applicant_mobile", L.app.applicant_mobile, "tel", L.app.applicant_mobile_hint, "mobile") ?>
 <?cs /if ?>
 <?cs each:f = Svc.fields ?><?cs call:svc_field(f) ?><?cs /each ?>
 <?cs if:subcount(Svc.docs) ?>
 <h2><?cs var:L.app.documents ?></h2>
 <?cs each:d = Svc.docs ?>
 <div class="field<?cs if:Form.err["doc_" + d.code] ?> has-error<?cs /if ?>">
  <label for="f-doc_<?cs var:d.code ?>"><?cs var:d.label ?><?cs if:!d.required ?> <span class="small">(<?cs var:L.hr.optional ?>)</span><?cs /if ?></label>
  <?cs if:Form.err["doc_" + d.code] ?><p class="error-message"><?cs var:Form.err["doc_" + d.code] ?></p><?cs /if ?>
  <select id="f-doc_<?cs var:d.code ?>" name="doc_<?cs var:d.code ?>"><option value=""><?cs var:L.app.no_document ?></option>
  <?cs each:l = Locker ?><option value="<?cs var:l.id ?>"<?cs if:l.id == d.chosen ?> selected<?cs /if ?>><?cs alt:L.locker.types[l.doc_type] ?><?cs var:l.doc_type ?><?cs /alt ?>: <?cs var:l.label ?> (<?cs var:l.kb ?> KB)</option><?cs /each ?></select>
 </div>
 <?cs /each ?>
 <p class="small"><?cs var:L.app.locker_hint ?> <a href="<?cs var:LockerLink ?>"><?cs var:L.app.locker_link ?></a></p>
 <?cs /if ?>
 <?cs if:Svc.tatkal_days ?>
 <div class="field checks"><label><input type="checkbox" name="tatkal" value="1"<?cs if:Form.val.tatkal ?> checked<?cs /if ?>> <?cs var:L.app.tatkal ?> (<?cs var:Svc.tatkal_days ?> <?cs var:L.svc.working_days ?>, <?cs var:Svc.fee_tatkal ?>)</label></div>
 <?cs /if ?>
 <?cs if:!Preview ?>
 <button class="button" type="submit" name="submit" value="1"><?cs var:L.app.submit ?></button>
 <button class="button secondary" type="submit" name="save" value="1"><?cs var:L.app.save_draft ?></button>
 <?cs /if ?>
</form>
<?cs include:"inc/foot.cs" ?>
