<?cs set:Page.title = Svc.name ?><?cs include:"inc/head.cs" ?>
<h1><?cs var:Svc.name ?></h1>
<p class="lead"><?cs var:Svc.desc ?></p>
<h2><?cs var:L.svc.who ?></h2>
<p><?cs var:Svc.elig ?></p>
<h2><?cs var:L.svc.needs ?></h2>
<ul><?cs each:d = Svc.docs ?><li><?cs var:d.label ?><?cs if:!d.required ?> (<?cs var:L.hr.optional ?>)<?cs /if ?></li><?cs /each ?></ul>
<p class="small"><?cs var:L.svc.files_rule ?></p>
<h2><?cs var:L.svc.cost_time ?></h2>
<dl class="summary">
 <dt><?cs var:L.svc.time ?></dt><dd><?cs var:Svc.rtps_days ?> <?cs var:L.svc.working_days ?></dd>
 <?cs if:Svc.tatkal_days ?><dt><?cs var:L.svc.tatkal ?></dt><dd><?cs var:Svc.tatkal_days ?> <?cs var:L.svc.working_days ?>, <?cs var:Svc.fee_tatkal ?> <?cs var:L.svc.extra ?></dd><?cs /if ?>
 <dt><?cs var:L.svc.fee_online ?></dt><dd><?cs if:Svc.fee_gov_free ?><?cs var:L.svc.free ?><?cs else ?><?cs var:Svc.fee_gov ?><?cs /if ?></dd>
 <dt><?cs var:L.svc.fee_csc ?></dt><dd><?cs var:Svc.fee_csc ?></dd>
 <?cs if:Svc.free_jsk ?><dt><?cs var:L.svc.jsk ?></dt><dd><?cs var:L.svc.free ?></dd><?cs /if ?>
 <dt><?cs var:L.svc.office ?></dt><dd><?cs var:Svc.office ?></dd>
</dl>
<p><a class="button" href="/apply/<?cs var:Svc.code ?>"><?cs var:L.svc.start ?></a></p>
<?cs include:"inc/foot.cs" ?>
