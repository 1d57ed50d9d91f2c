<?cs set:Page.title = L.campaign.call ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?><?cs include:"inc/picker.cs" ?><?cs include:"inc/svcform.cs" ?>
<p><a href="/campaigns/<?cs var:Campaign ?>"><?cs if:Lang == "hi" ?><?cs var:K.0.campaign_hi ?><?cs else ?><?cs var:K.0.campaign_en ?><?cs /if ?></a></p>
<h1><?cs var:L.campaign.call ?>: <?cs var:K.0.name ?></h1>
<dl class="summary">
 <dt><?cs var:L.campaign.mobile ?></dt><dd><?cs var:K.0.mobile ?></dd>
 <dt><?cs var:L.campaign.village ?></dt><dd><?cs var:K.0.village ?></dd>
 <dt><?cs var:L.campaign.scheme_ref ?></dt><dd><?cs var:K.0.scheme_ref ?><?cs if:K.0.benefit_date ?>, <?cs var:K.0.benefit_date ?><?cs /if ?></dd>
 <dt><?cs var:L.campaign.attempt ?></dt><dd><?cs var:K.0.attempts + 1 ?> / <?cs var:K.0.max ?></dd>
</dl>
<?cs if:subcount(Past) ?><h2><?cs var:L.campaign.past ?></h2><ul><?cs each:p = Past ?><li><?cs var:p.at ?> — <?cs var:L.campaign.disp[p.disposition] ?> (<?cs var:p.agent ?>)</li><?cs /each ?></ul><?cs /if ?>
<?cs if:subcount(Grievances) ?><h2><?cs var:L.campaign.open_grievances ?></h2><ul><?cs each:g = Grievances ?><li><?cs var:g.number ?> — <?cs var:g.subject ?></li><?cs /each ?></ul><?cs /if ?>
<div class="notice"><p><strong><?cs var:L.campaign.consent ?></strong> <?cs if:Lang == "hi" ?><?cs var:K.0.consent_hi ?><?cs else ?><?cs var:K.0.consent_en ?><?cs /if ?></p></div>
<form method="post" action="/campaigns/<?cs var:Campaign ?>/contacts/<?cs var:K.0.id ?>" novalidate>
 <?cs call:csrf_field() ?>
 <h2><?cs var:L.campaign.questions ?></h2>
 <?cs each:f = Svc.fields ?><?cs call:svc_field(f) ?><?cs /each ?>
 <?cs call:field_select("disposition", L.campaign.disposition, Dispositions, L.campaign.disposition_hint) ?>
 <?cs call:field_input("callback_at", L.campaign.callback_at, "text", L.campaign.callback_hint, "") ?>
 <button class="button"><?cs var:L.campaign.save ?></button>
</form>
<?cs include:"inc/foot.cs" ?>
