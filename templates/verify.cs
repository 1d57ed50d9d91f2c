<?cs set:Page.title = L.nav.verify ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?>
<h1><?cs var:L.nav.verify ?></h1>
<p class="lead"><?cs var:L.verify.lead ?></p>
<form method="post" action="/verify" novalidate><?cs call:csrf_field() ?>
 <?cs call:field_input("number", L.verify.number, "text", L.verify.number_hint, "") ?>
 <button class="button"><?cs var:L.verify.check ?></button>
</form>
<h2><?cs var:L.verify.qr_h ?></h2>
<form method="post" action="/verify" novalidate><?cs call:csrf_field() ?>
 <?cs call:field_textarea("qr", L.verify.qr, L.verify.qr_hint) ?>
 <button class="button secondary"><?cs var:L.verify.check ?></button>
</form>
<h2><?cs var:L.verify.pdf_h ?></h2>
<form method="post" action="/verify" enctype="multipart/form-data"><?cs call:csrf_field() ?>
 <div class="field<?cs if:Form.err.pdf ?> has-error<?cs /if ?>"><label for="f-pdf"><?cs var:L.verify.pdf ?></label><?cs if:Form.err.pdf ?><p class="error-message"><?cs var:Form.err.pdf ?></p><?cs /if ?><input id="f-pdf" type="file" name="pdf" accept="application/pdf"></div>
 <button class="button secondary"><?cs var:L.verify.check ?></button>
</form>
<?cs include:"inc/foot.cs" ?>
