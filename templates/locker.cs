<?cs set:Page.title = L.locker.title ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?><?cs include:"inc/table.cs" ?>
<h1><?cs var:L.locker.title ?></h1>
<p><?cs var:L.locker.lead ?></p>
<?cs if:!User.r.citizen ?>
<form method="get" action="/locker" class="field"><label for="f-mobile"><?cs var:L.app.applicant_mobile ?></label><input id="f-mobile" name="mobile" type="tel" inputmode="numeric" value="<?cs var:Form.val.mobile ?>"><button class="button secondary"><?cs var:L.locker.open ?></button></form>
<?cs /if ?>
<?cs if:subcount(Locker) ?><table class="stack"><caption class="visually-hidden"><?cs var:L.locker.title ?></caption><thead><tr><th scope="col"><?cs var:L.locker.type ?></th><th scope="col"><?cs var:L.locker.file_h ?></th><th scope="col"><?cs var:L.locker.added_h ?></th></tr></thead><tbody>
<?cs each:d = Locker ?><tr><td data-label="<?cs var:L.locker.type ?>"><?cs alt:L.locker.types[d.doc_type] ?><?cs var:d.doc_type ?><?cs /alt ?></td><td data-label="<?cs var:L.locker.file_h ?>"><a href="/locker/<?cs var:d.id ?>"><?cs var:d.label ?></a> <span class="small">(<?cs if:d.mime == "application/pdf" ?>PDF<?cs elif:d.mime == "image/png" ?>PNG<?cs else ?>JPEG<?cs /if ?>, <?cs var:d.kb ?> KB)</span></td><td data-label="<?cs var:L.locker.added_h ?>"><?cs var:d.added ?></td></tr><?cs /each ?>
</tbody></table><?cs elif:Owner || User.r.citizen ?><?cs call:none_yet() ?><?cs /if ?>
<?cs if:Consent.until ?>
<p><span class="tag green"><?cs var:L.consent.live ?> <?cs var:Consent.until ?></span></p>
<?cs elif:Consent.ask ?>
<section id="consent">
<h2><?cs var:L.consent.title ?></h2>
<p><?cs var:L.consent.own_only ?></p>
<?cs if:Form.err.consent ?><p class="error-message" id="e-consent"><?cs var:Form.err.consent ?></p><?cs /if ?>
<?cs if:Consent.asked ?>
<form method="post" action="/locker/consent/verify" novalidate><?cs call:csrf_field() ?>
 <input type="hidden" name="mobile" value="<?cs var:Form.val.mobile ?>">
 <?cs call:field_input("otp", L.consent.code, "text", L.consent.code_hint, "otp") ?>
 <button class="button"><?cs var:L.consent.check ?></button>
</form>
<?cs /if ?>
<form method="post" action="/locker/consent" novalidate><?cs call:csrf_field() ?>
 <input type="hidden" name="mobile" value="<?cs var:Form.val.mobile ?>">
 <button class="button<?cs if:Consent.asked ?> secondary<?cs /if ?>"><?cs if:Consent.asked ?><?cs var:L.consent.resend ?><?cs else ?><?cs var:L.consent.ask ?><?cs /if ?></button>
</form>
</section>
<?cs /if ?>
<?cs if:User.r.citizen ?>
<section id="consents">
<h2><?cs var:L.consent.who_h ?></h2>
<?cs if:subcount(Consents) ?>
<div class="table-wrap"><table><thead><tr><th><?cs var:L.consent.operator_h ?></th><th><?cs var:L.consent.until_h ?></th><th></th></tr></thead><tbody>
<?cs each:c = Consents ?><tr><td><?cs var:c.name ?> (<?cs if:c.csc_id ?><?cs var:c.csc_id ?><?cs else ?><?cs var:c.username ?><?cs /if ?>)</td><td><?cs var:c.until ?></td>
<td><form method="post" action="/locker/consent/withdraw"><?cs call:csrf_field() ?><input type="hidden" name="operator" value="<?cs var:c.operator ?>"><button class="button secondary"><?cs var:L.consent.withdraw ?></button></form></td></tr><?cs /each ?>
</tbody></table></div>
<?cs else ?><p><?cs var:L.consent.nobody ?></p><?cs /if ?>
<form method="post" action="/locker/consent/grant" novalidate><?cs call:csrf_field() ?>
 <?cs call:field_input("operator", L.consent.operator, "text", L.consent.operator_hint, "") ?>
 <button class="button secondary"><?cs var:L.consent.grant ?></button>
</form>
</section>
<?cs /if ?>
<?cs if:Owner || !User.r.citizen ?>
<h2><?cs var:L.locker.add ?></h2>
<form method="post" action="/locker" enctype="multipart/form-data" novalidate><?cs call:csrf_field() ?>
 <?cs if:!User.r.citizen ?><input type="hidden" name="mobile" value="<?cs var:Form.val.mobile ?>"><?cs /if ?>
 <div class="field<?cs if:Form.err.doc_type ?> has-error<?cs /if ?>"><label for="f-doc_type"><?cs var:L.locker.type ?></label><?cs if:Form.err.doc_type ?><p class="error-message"><?cs var:Form.err.doc_type ?></p><?cs /if ?>
 <select id="f-doc_type" name="doc_type"><?cs each:t = L.locker.types ?><option value="<?cs name:t ?>"><?cs var:t ?></option><?cs /each ?></select></div>
 <div class="field<?cs if:Form.err.file ?> has-error<?cs /if ?>"><label for="f-file"><?cs var:L.locker.file ?></label><p class="hint"><?cs var:L.locker.file_hint ?> <?cs var:MaxKB ?> KB.</p><?cs if:Form.err.file ?><p class="error-message" id="e-file"><?cs var:Form.err.file ?></p><?cs /if ?>
 <input id="f-file" name="file" type="file" accept="application/pdf,image/jpeg,image/png"></div>
 <button class="button"><?cs var:L.locker.upload ?></button>
</form>
<?cs /if ?>
<?cs include:"inc/foot.cs" ?>
