<?cs set:Page.title = App.number ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?>
<?cs if:Ack ?><div class="flash" role="status"><h1><?cs var:L.app.received ?></h1><p><?cs var:L.app.your_number ?></p><p class="status-big ok"><?cs var:App.number ?></p><p><?cs var:L.app.ack_due ?> <strong><?cs var:App.due ?></strong>.</p></div>
<?cs else ?><h1><?cs var:App.service ?></h1><?cs /if ?>
<?cs if:App.status == "unpaid" ?><form method="post" action="/pay/start"><input type="hidden" name="csrf" value="<?cs var:CSRF ?>"><input type="hidden" name="app" value="<?cs var:App.number ?>"><p><?cs var:L.pay.unpaid ?>.</p><button class="button"><?cs var:L.pay.pay_now ?></button></form><?cs /if ?>
<?cs each:rc = Receipts ?><p><a href="/receipts/<?cs var:rc.no ?>/pdf"><?cs var:L.pay.receipt ?> <?cs var:rc.no ?></a></p><?cs /each ?>
<p><?cs if:App.status != "unpaid" ?><a class="button secondary" href="/my/app/<?cs var:App.number ?>/ack.pdf"><?cs var:L.app.ack_pdf ?></a><?cs /if ?>
<?cs if:App.cert ?><a class="button" href="/certificates/<?cs var:App.cert ?>/pdf"><?cs var:L.app.download_cert ?></a><?cs /if ?></p>
<dl class="summary">
 <dt><?cs var:L.app.number ?></dt><dd><?cs var:App.number ?></dd>
 <dt><?cs var:L.loc.status ?></dt><dd><span class="tag <?cs if:App.status == "approved" ?>green<?cs elif:App.status == "rejected" || App.status == "revoked" ?>red<?cs elif:App.status == "returned" ?>amber<?cs /if ?>"><?cs var:App.status_text ?></span><?cs if:App.stage ?> — <?cs var:App.stage ?><?cs /if ?></dd>
 <dt><?cs var:L.app.service ?></dt><dd><?cs var:App.service ?></dd>
 <dt><?cs var:L.app.applicant_h ?></dt><dd><?cs var:App.applicant ?></dd>
 <dt><?cs var:L.app.office ?></dt><dd><?cs var:App.office ?></dd>
 <dt><?cs var:L.app.channel ?></dt><dd><?cs var:App.channel ?> (<?cs var:App.filed_by ?>)</dd>
 <dt><?cs var:L.app.submitted ?></dt><dd><?cs var:App.submitted ?></dd>
 <dt><?cs var:L.app.due ?></dt><dd><?cs var:App.due ?><?cs if:App.tatkal ?> <span class="tag amber"><?cs var:L.svc.tatkal ?></span><?cs /if ?></dd>
 <dt><?cs var:L.app.fee_paid ?></dt><dd><?cs var:App.fee ?></dd>
 <?cs if:App.cert ?><dt><?cs var:L.app.certificate ?></dt><dd><?cs var:App.cert ?> (<?cs var:App.cert_status ?>)</dd><?cs /if ?>
</dl>
<?cs if:App.status == "returned" ?><div class="error-summary"><h2><?cs var:L.app.returned_h ?></h2><p><?cs var:App.return_remarks ?></p><p><a class="button" href="/my/app/<?cs var:App.number ?>/edit"><?cs var:L.app.correct ?></a></p></div><?cs /if ?>
<h2><?cs var:L.app.history ?></h2>
<ol class="history"><?cs each:h = History ?><li><strong><?cs var:h.action ?></strong> — <?cs var:h.at ?><?cs if:h.who ?>, <?cs var:h.who ?><?cs /if ?><?cs if:h.remarks ?><br><span class="small"><?cs var:h.remarks ?></span><?cs /if ?></li><?cs /each ?></ol>
<?cs if:subcount(Appeals) ?><h2><?cs var:L.appeal.title ?></h2><ul><?cs each:a = Appeals ?><li><?cs var:L.appeal.level ?> <?cs var:a.level ?>: <?cs var:a.status ?> (<?cs var:a.filed ?>)<?cs if:a.order ?><br><span class="small"><?cs var:a.order ?></span><?cs /if ?></li><?cs /each ?></ul><?cs /if ?>
<?cs if:CanAppeal ?>
<h2><?cs var:L.appeal.file ?></h2>
<p><?cs var:L.appeal.text ?></p>
<form method="post" action="/my/app/<?cs var:App.number ?>/appeal" novalidate><?cs call:csrf_field() ?>
<?cs call:field_textarea("grounds", L.appeal.grounds, L.appeal.grounds_hint) ?>
<button class="button"><?cs var:L.appeal.submit ?></button></form>
<?cs /if ?>
<?cs if:CanFeedback ?>
<h2><?cs var:L.app.feedback ?></h2>
<form method="post" action="/my/app/<?cs var:App.number ?>/feedback"><?cs call:csrf_field() ?>
<fieldset class="field radios"><legend><?cs var:L.app.rating ?></legend>
<label><input type="radio" name="rating" value="5"> 5 — <?cs var:L.app.r5 ?></label><label><input type="radio" name="rating" value="4"> 4</label><label><input type="radio" name="rating" value="3"> 3</label><label><input type="radio" name="rating" value="2"> 2</label><label><input type="radio" name="rating" value="1"> 1 — <?cs var:L.app.r1 ?></label></fieldset>
<?cs call:field_textarea("comment", L.app.comment, "") ?>
<button class="button secondary"><?cs var:L.app.send_feedback ?></button></form>
<?cs /if ?>
<?cs include:"inc/foot.cs" ?>
