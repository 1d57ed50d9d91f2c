<?cs set:Page.title = L.locker.title ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?>
<h1><?cs var:L.locker.title ?></h1>
<p><?cs var:L.locker.lead ?></p>
<?cs if:!User.r.citizen ?>
<form method="get" action="/locker" class="field"><label for="f-mobile"><?cs var:L.app.applicant_mobile ?></label><input id="f-mobile" name="mobile" type="tel" inputmode="numeric" value="<?cs var:Form.val.mobile ?>"><button class="button secondary"><?cs var:L.locker.open ?></button></form>
<?cs /if ?>
<?cs if:subcount(Locker) ?><div class="table-wrap"><table><tbody><?cs each:d = Locker ?><tr><td><a href="/locker/<?cs var:d.id ?>"><?cs var:d.label ?></a></td></tr><?cs /each ?></tbody></table></div><?cs /if ?>
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
