<?cs set:Page.title = Amenity.0.name ?><?cs include:"inc/head.cs" ?>
<p><a href="/amenities"><?cs var:L.amenity.title ?></a></p>
<h1><?cs var:Amenity.0.name ?></h1>
<dl class="facts" id="amenity">
 <dt><?cs var:L.amenity.type ?></dt><dd><span class="dot" style="background:<?cs var:Amenity.0.colour ?>"></span> <?cs var:Amenity.0.type ?></dd>
 <dt><?cs var:L.survey.place ?></dt><dd><?cs if:Lang == "hi" ?><?cs var:Amenity.0.gp_hi ?><?cs else ?><?cs var:Amenity.0.gp_en ?><?cs /if ?></dd>
 <dt><?cs var:L.survey.point ?></dt><dd><?cs var:Amenity.0.lat ?>, <?cs var:Amenity.0.lon ?><?cs if:Amenity.0.accuracy ?> (± <?cs var:Amenity.0.accuracy ?> m)<?cs /if ?></dd>
 <dt><?cs var:L.amenity.added ?></dt><dd><?cs var:Amenity.0.created_at ?></dd>
 <?cs if:Amenity.0.surveyed ?><dt><?cs var:L.amenity.surveyed ?></dt><dd><?cs var:Amenity.0.surveyed ?></dd><?cs /if ?>
</dl>
<?cs if:Amenity.0.photo ?><p><img src="/amenities/<?cs var:Amenity.0.id ?>/photo" alt="<?cs var:L.survey.photo_alt ?>" class="photo" width="320"></p><?cs /if ?>
<div class="chart map-svg"><?cs uvar:Map ?></div>
<h2><?cs var:L.amenity.visits ?></h2>
<?cs if:Visits.0.id ?><div class="table-wrap" role="region" tabindex="0" aria-label="<?cs var:L.amenity.visits ?>"><table id="visits"><thead><tr><th><?cs var:L.survey.task ?></th><th><?cs var:L.survey.survey ?></th><th><?cs var:L.survey.vle ?></th><th><?cs var:L.survey.status ?></th><th><?cs var:L.survey.submitted_at ?></th></tr></thead><tbody>
<?cs each:v = Visits ?><tr><td><a href="/tasks/<?cs var:v.id ?>">#<?cs var:v.id ?></a></td><td><?cs var:v.survey ?></td><td><?cs var:v.vle ?></td><td><?cs var:L.survey.state[v.status] ?><?cs if:v.flags ?> <strong class="tag warn"><?cs var:L.survey.flagged ?></strong><?cs /if ?></td><td><?cs var:v.submitted_at ?></td></tr><?cs /each ?>
</tbody></table></div><?cs else ?><p><?cs var:L.amenity.no_visits ?></p><?cs /if ?>
<?cs include:"inc/foot.cs" ?>
