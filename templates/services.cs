<?cs set:Page.title = L.svc.catalogue ?><?cs include:"inc/head.cs" ?>
<h1><?cs var:L.svc.catalogue ?></h1>
<p class="lead"><?cs var:L.svc.catalogue_lead ?></p>
<?cs each:s = Services ?>
<section class="card service-card">
 <h2><a href="/services/<?cs var:s.code ?>"><?cs var:s.name ?></a></h2>
 <p><?cs var:s.desc ?></p>
 <dl class="summary">
  <dt><?cs var:L.svc.time ?></dt><dd><?cs var:s.rtps_days ?> <?cs var:L.svc.working_days ?><?cs if:s.tatkal_days ?> (<?cs var:L.svc.tatkal ?>: <?cs var:s.tatkal_days ?>)<?cs /if ?></dd>
  <dt><?cs var:L.svc.cost ?></dt><dd><?cs if:s.fee_gov_free ?><?cs var:L.svc.free_online ?><?cs else ?><?cs var:s.fee_gov ?><?cs /if ?>; <?cs var:L.svc.at_csc ?> <?cs var:s.fee_csc ?></dd>
  <dt><?cs var:L.svc.dept ?></dt><dd><?cs var:s.dept ?></dd>
 </dl>
</section>
<?cs /each ?>
<?cs include:"inc/foot.cs" ?>
