<?cs set:Page.title = App.number ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?>
<p class="small"><a href="/desk"><?cs var:L.nav.desk ?></a></p>
<h1><?cs var:App.service ?> <span class="small"><?cs var:App.number ?></span></h1>
<dl class="summary">
 <dt><?cs var:L.loc.status ?></dt><dd><?cs var:App.status_text ?><?cs if:App.stage ?> — <?cs var:App.stage ?><?cs /if ?><?cs if:App.tatkal ?> <span class="tag amber"><?cs var:L.svc.tatkal ?></span><?cs /if ?></dd>
 <dt><?cs var:L.app.applicant_h ?></dt><dd><?cs var:App.applicant ?> (<?cs var:App.mobile ?>)</dd>
 <dt><?cs var:L.app.channel ?></dt><dd><?cs var:App.channel ?></dd>
 <dt><?cs var:L.app.submitted ?></dt><dd><?cs var:App.submitted ?></dd>
 <dt><?cs var:L.desk.stage_due ?></dt><dd><?cs var:App.stage_due ?></dd>
 <dt><?cs var:L.app.due ?></dt><dd><?cs var:App.due ?></dd>
 <?cs if:App.cert ?><dt><?cs var:L.app.certificate ?></dt><dd><a href="/certificates/<?cs var:App.cert ?>/pdf"><?cs var:App.cert ?></a> (<?cs var:App.cert_status ?>)</dd><?cs /if ?>
</dl>
<?cs include:"inc/reg_extract.cs" ?>
<h2><?cs var:L.desk.answers ?></h2>
<dl class="summary answers"><?cs each:a = Answers ?><dt><?cs var:a.label ?></dt><dd><?cs if:subcount(a.parts) ?><ul class="plain"><?cs each:p = a.parts ?><li><?cs var:p.label ?>: <?cs var:p.value ?></li><?cs /each ?></ul><?cs else ?><?cs var:a.value ?><?cs /if ?></dd><?cs /each ?></dl>
<h2><?cs var:L.app.documents ?></h2>
<?cs if:subcount(Docs) ?><dl class="summary docs"><?cs each:d = Docs ?><dt><a href="/locker/<?cs var:d.id ?>?inline=1" target="_blank" rel="noopener"><?cs var:d.name ?></a></dt><dd><?cs var:d.file ?> <span class="small">(<?cs var:d.kind ?>, <?cs var:d.kb ?> <?cs var:L.answer.kb ?>)</span></dd><?cs /each ?></dl><?cs else ?><p><?cs var:L.none_yet ?></p><?cs /if ?>
<?cs if:ClaimedByOther ?><div class="error-summary"><p><?cs var:L.wf.claimed ?></p></div><?cs /if ?>
<?cs if:Can.forward || Can.field_verify || Can.return || Can.reject || Can.approve ?>
<h2 id="act"><?cs var:L.desk.act ?></h2>
<form method="post" action="/desk/app/<?cs var:App.number ?>" novalidate><?cs call:csrf_field() ?>
 <?cs if:NeedReason ?><div class="field<?cs if:Form.err.ooo_reason ?> has-error<?cs /if ?>"><label for="f-ooo_reason"><?cs var:L.desk.ooo ?></label><p class="hint"><?cs var:L.desk.ooo_hint ?></p><?cs if:Form.err.ooo_reason ?><p class="error-message"><?cs var:Form.err.ooo_reason ?></p><?cs /if ?><textarea id="f-ooo_reason" name="ooo_reason"><?cs var:Form.val.ooo_reason ?></textarea></div><?cs /if ?>
 <?cs call:field_textarea("remarks", L.desk.remarks, L.desk.remarks_hint) ?>
 <?cs if:Can.return ?><fieldset class="field checks"><legend><?cs var:L.desk.flag ?></legend><?cs each:a = Flag ?><label><input type="checkbox" name="return_fields" value="<?cs var:a.name ?>"> <?cs var:a.label ?></label><?cs /each ?><?cs each:d = SvcDocs ?><label><input type="checkbox" name="return_fields" value="doc_<?cs var:d.code ?>"> <?cs var:d.label ?></label><?cs /each ?></fieldset><?cs /if ?>
 <?cs if:Can.approve ?><button class="button" name="action" value="approve"><?cs var:L.wf.act.approve ?></button><?cs /if ?>
 <?cs if:Can.forward ?><button class="button" name="action" value="forward"><?cs var:L.wf.act.forward ?></button><?cs /if ?>
 <?cs if:Can.field_verify ?><button class="button secondary" name="action" value="field_verify"><?cs var:L.wf.act.field_verify ?></button><?cs /if ?>
 <?cs if:Can.return ?><button class="button secondary" name="action" value="return"><?cs var:L.wf.act.return ?></button><?cs /if ?>
 <?cs if:Can.reject ?><button class="button warning" name="action" value="reject"><?cs var:L.wf.act.reject ?></button><?cs /if ?>
</form>
<?cs /if ?>
<?cs if:Can.recall ?><form method="post" action="/desk/app/<?cs var:App.number ?>"><?cs call:csrf_field() ?><p><?cs var:L.desk.recall_text ?></p><button class="button secondary" name="action" value="recall"><?cs var:L.wf.act.recall ?></button></form><?cs /if ?>
<?cs if:CanRevoke ?><h2><?cs var:L.cert.revoke ?></h2><form method="post" action="/desk/cert/<?cs var:App.cert ?>/revoke"><?cs call:csrf_field() ?><div class="field"><label for="f-reason"><?cs var:L.cert.reason ?></label><textarea id="f-reason" name="reason"></textarea></div><button class="button warning"><?cs var:L.cert.revoke ?></button></form><?cs /if ?>
<h2><?cs var:L.app.history ?></h2>
<ol class="history"><?cs each:h = History ?><li><strong><?cs var:h.action ?></strong> — <?cs var:h.at ?><?cs if:h.who ?>, <?cs var:h.who ?><?cs /if ?><?cs if:h.remarks ?><br><span class="small"><?cs var:h.remarks ?></span><?cs /if ?><?cs if:h.ooo ?><br><span class="small"><?cs var:L.desk.ooo ?>: <?cs var:h.ooo ?></span><?cs /if ?></li><?cs /each ?></ol>
<?cs include:"inc/foot.cs" ?>
