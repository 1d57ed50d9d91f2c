<?cs # "Check your answers" (src/page_app.c, apply_check): every answer with
     a Change link, the documents, the fee and who pays, the declaration,
     "Accept and send". ?>
<?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?><?cs include:"inc/picker.cs" ?><?cs include:"inc/svcform.cs" ?>
<p class="caption"><?cs var:Svc.name ?></p>
<h1><?cs var:L.app.step.check_h ?></h1>
<?cs def:change(step, what) ?><a href="/my/drafts/<?cs var:Step.draft ?>?step=<?cs var:step ?>&amp;return=check"><?cs var:L.app.step.change ?><span class="visually-hidden"> <?cs var:what ?></span></a><?cs /def ?>
<h2><?cs var:L.app.step.answers_h ?></h2>
<dl class="summary check">
 <?cs if:Check.applicant_mobile ?><div class="row" id="f-applicant_mobile"><dt><?cs var:L.app.applicant_mobile ?></dt><dd><?cs var:Check.applicant_mobile ?></dd><dd class="act"><?cs call:change("applicant", L.app.applicant_mobile) ?></dd></div><?cs /if ?>
 <?cs each:a = Answers ?><div class="row" id="f-<?cs var:a.input ?>"><dt><?cs var:a.label ?></dt><dd><?cs if:subcount(a.lines) && a.lines.0 ?><?cs each:l = a.lines ?><?cs var:l ?><br><?cs /each ?><?cs else ?><span class="small"><?cs var:L.app.step.not_given ?></span><?cs /if ?></dd><dd class="act"><?cs call:change(a.name, a.label) ?></dd></div><?cs /each ?>
 <?cs if:Check.tatkal ?><div class="row"><dt><?cs var:L.app.tatkal ?></dt><dd><?cs if:Check.tatkal == "yes" ?><?cs var:L.app.step.yes ?><?cs else ?><?cs var:L.app.step.no ?><?cs /if ?></dd><dd class="act"><?cs call:change("tatkal", L.app.tatkal) ?></dd></div><?cs /if ?>
</dl>
<?cs if:subcount(Docs) ?>
<h2><?cs var:L.app.documents ?></h2>
<dl class="summary check">
 <?cs each:d = Docs ?><div class="row" id="f-doc_<?cs var:d.code ?>"><dt><?cs var:d.label ?></dt><dd><?cs if:d.file ?><?cs var:d.file ?><?cs else ?><span class="small"><?cs var:L.app.no_document ?></span><?cs /if ?></dd><dd class="act"><?cs call:change("doc_" + d.code, d.label) ?></dd></div><?cs /each ?>
</dl>
<?cs /if ?>
<h2><?cs var:L.app.step.fee_h ?></h2>
<dl class="summary">
 <dt><?cs var:L.app.step.fee_gov ?></dt><dd><?cs var:Fee.gov ?></dd>
 <?cs if:Fee.charge ?><dt><?cs var:L.app.step.fee_charge ?></dt><dd><?cs var:Fee.charge ?></dd><?cs /if ?>
 <dt><?cs var:L.app.step.fee_total ?></dt><dd><strong><?cs var:Fee.total ?></strong></dd>
 <dt><?cs var:L.app.step.payer ?></dt><dd><?cs var:Fee.payer ?><?cs if:Fee.wallet ?> <?cs var:L.app.step.wallet_now ?> <?cs var:Fee.wallet ?>.<?cs /if ?></dd>
</dl>
<form method="post" action="/apply/<?cs var:Svc.code ?>" novalidate>
 <?cs call:csrf_field() ?>
 <input type="hidden" name="draft" value="<?cs var:Step.draft ?>">
 <input type="hidden" name="accept" value="1">
 <?cs if:subcount(Svc.fields) ?><h2><?cs var:L.app.step.declaration_h ?></h2><?cs /if ?>
 <?cs each:f = Svc.fields ?><?cs call:svc_field(f) ?><?cs /each ?>
 <button class="button" type="submit" id="accept"><?cs var:L.app.step.accept ?></button>
</form>
<p><a href="/my"><?cs var:L.app.step.later ?></a></p>
<?cs include:"inc/foot.cs" ?>
