<?cs set:Page.title = T.0.title ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?>
<?cs with:t = T.0 ?>
<h1><?cs var:t.title ?></h1>
<dl class="summary" id="facts">
 <dt><?cs var:L.training.type ?></dt><dd><?cs var:L.training.types[t.type] ?></dd>
 <dt><?cs var:L.training.state ?></dt><dd id="state"><?cs var:L.training.status[t.status] ?><?cs if:t.status_reason ?> — <?cs var:t.status_reason ?><?cs /if ?></dd>
 <dt><?cs var:L.training.when ?></dt><dd><?cs var:t.starts ?> – <?cs var:t.ends ?></dd>
 <dt><?cs var:L.training.venue ?></dt><dd><?cs var:t.venue ?><?cs if:t.lat ?> (<?cs var:t.lat ?>, <?cs var:t.lon ?>)<?cs /if ?></dd>
 <dt><?cs var:L.training.trainers ?></dt><dd><?cs var:t.trainers ?></dd>
 <dt><?cs var:L.training.organiser ?></dt><dd><?cs var:t.organiser_name ?></dd>
 <?cs if:t.materials ?><dt><?cs var:L.training.materials ?></dt><dd><?cs var:t.materials ?></dd><?cs /if ?>
 <dt><?cs var:L.training.people ?></dt><dd><?cs var:t.present ?> / <?cs var:t.invited ?></dd>
</dl>
<p><a href="/training/<?cs var:t.id ?>.ics"><?cs var:L.training.ics ?></a></p>
<?cs if:Me.invited && !Me.present && (t.status == "published" || t.status == "held") ?><p><?cs var:L.training.scan_hint ?></p><?cs /if ?>
<?cs if:Me.present ?>
 <p id="present"><?cs var:L.training.you_present ?></p>
 <?cs if:Me.certificate ?><p><a class="button" href="/certificates/<?cs var:Me.certificate ?>/pdf"><?cs var:L.training.certificate ?> <?cs var:Me.certificate ?></a></p>
 <?cs elif:t.feedback_open == "1" ?>
 <h2><?cs var:L.training.feedback ?></h2>
 <p class="hint"><?cs var:L.training.feedback_hint ?> <?cs var:t.feedback_until_long ?>.</p>
 <form method="post" action="/training/<?cs var:t.id ?>/feedback"><?cs call:csrf_field() ?>
  <div class="field<?cs if:Form.err.rating ?> has-error<?cs /if ?>"><fieldset><legend><?cs var:L.training.rating ?></legend><?cs if:Form.err.rating ?><p class="error-message" id="e-rating"><?cs var:Form.err.rating ?></p><?cs /if ?>
  <?cs loop:k = 1, 5, 1 ?><div class="choice"><input id="f-rating-<?cs var:k ?>" type="radio" name="rating" value="<?cs var:k ?>"<?cs if:Form.val.rating == k ?> checked<?cs /if ?>> <label for="f-rating-<?cs var:k ?>"><?cs var:k ?></label></div><?cs /loop ?></fieldset></div>
  <?cs each:q = L.training.aspects ?><div class="field"><fieldset><legend><?cs var:q ?> <span class="small">(<?cs var:L.training.optional ?>)</span></legend>
  <?cs loop:k = 1, 5, 1 ?><div class="choice"><input id="f-<?cs name:q ?>-<?cs var:k ?>" type="radio" name="<?cs name:q ?>" value="<?cs var:k ?>"<?cs if:Form.val[name(q)] == k ?> checked<?cs /if ?>> <label for="f-<?cs name:q ?>-<?cs var:k ?>"><?cs var:k ?></label></div><?cs /loop ?></fieldset></div><?cs /each ?>
  <?cs call:field_textarea("comment", L.training.comment, "") ?>
  <button class="button"><?cs var:L.training.send_feedback ?></button>
 </form>
 <?cs /if ?>
<?cs /if ?>
<?cs if:Me.organiser ?>
<h2><?cs var:L.training.organise ?></h2>
<?cs if:t.status == "published" || t.status == "held" ?><p><a class="button" href="/training/<?cs var:t.id ?>/qr"><?cs var:L.training.show_qr ?></a></p><?cs /if ?>
<form method="post" action="/training/<?cs var:t.id ?>/action" id="actions"><?cs call:csrf_field() ?>
 <?cs if:t.status == "planned" || t.status == "postponed" ?><button class="button" name="action" value="publish"><?cs var:L.training.publish ?></button><?cs /if ?>
 <?cs if:t.status == "published" ?><button class="button" name="action" value="held"><?cs var:L.training.mark_held ?></button><?cs /if ?>
 <?cs if:t.status == "reported" ?><button class="button" name="action" value="close"><?cs var:L.training.close ?></button><?cs /if ?>
</form>
<?cs if:t.status == "held" ?>
<form method="post" action="/training/<?cs var:t.id ?>/action"><?cs call:csrf_field() ?><input type="hidden" name="action" value="report">
 <?cs call:field_textarea("report", L.training.report, L.training.report_hint) ?><button class="button"><?cs var:L.training.send_report ?></button></form>
<?cs /if ?>
<?cs if:t.status == "planned" || t.status == "published" || t.status == "postponed" ?>
<details><summary><?cs var:L.training.cancel_or_postpone ?></summary>
<form method="post" action="/training/<?cs var:t.id ?>/action"><?cs call:csrf_field() ?>
 <?cs call:field_input("reason", L.training.reason, "text", "", "") ?>
 <?cs call:field_input("starts_at", L.training.new_starts, "datetime-local", L.training.new_time_hint, "") ?>
 <?cs call:field_input("ends_at", L.training.new_ends, "datetime-local", "", "") ?>
 <button class="button warning" name="action" value="cancel"><?cs var:L.training.cancel ?></button> <?cs if:t.status != "postponed" ?><button class="button secondary" name="action" value="postpone"><?cs var:L.training.postpone ?></button><?cs /if ?>
</form></details>
<?cs /if ?>
<h3><?cs var:L.training.rule ?></h3>
<ul id="rule">
 <li><?cs if:Count.countable ?>✓<?cs else ?>✗<?cs /if ?> <?cs var:L.training.rule_type ?></li>
 <li><?cs if:Count.vles_invited ?>✓<?cs else ?>✗<?cs /if ?> <?cs var:L.training.rule_vles ?></li>
 <li><?cs if:Count.reported ?>✓<?cs else ?>✗<?cs /if ?> <?cs var:L.training.rule_reported ?></li>
 <li><?cs if:Count.long_enough ?>✓<?cs else ?>✗<?cs /if ?> <?cs var:L.training.rule_hours ?> (<?cs var:Count.min_hours ?>)</li>
 <li><?cs if:Count.enough_people ?>✓<?cs else ?>✗<?cs /if ?> <?cs var:L.training.rule_people ?>: <?cs var:Count.attendees ?> / <?cs var:Count.min_attendees ?></li>
 <li><?cs if:Count.enough_photos ?>✓<?cs else ?>✗<?cs /if ?> <?cs var:L.training.rule_photos ?>: <?cs var:Count.photos ?> / 2</li>
</ul>
<p id="counts"><strong><?cs if:Count.counts ?><?cs var:L.training.counts ?><?cs else ?><?cs var:L.training.not_counts ?><?cs /if ?></strong></p>
<h3><?cs var:L.training.attendance ?></h3>
<?cs if:t.status == "published" || t.status == "held" ?>
<form method="post" action="/training/<?cs var:t.id ?>/attendance"><?cs call:csrf_field() ?>
 <?cs call:field_input("person", L.training.person, "text", L.training.person_hint, "") ?><button class="button secondary"><?cs var:L.training.mark ?></button></form>
<?cs /if ?>
<div class="table-wrap" role="region" tabindex="0" aria-label="<?cs var:L.training.attendance ?>"><table id="people"><thead><tr><th><?cs var:L.training.name ?></th><th><?cs var:L.training.role ?></th><th><?cs var:L.training.present ?></th></tr></thead><tbody>
<?cs each:p = People ?><tr><td><?cs var:p.name ?> (<?cs var:p.username ?>)</td><td><?cs var:L.role[p.role] ?></td><td><?cs if:p.method ?><?cs var:L.training.method[p.method] ?>, <?cs var:p.at ?><?cs if:p.distance ?> (<?cs var:p.distance ?> m)<?cs /if ?><?cs if:p.no_point ?> — <strong class="no-point"><?cs var:L.training.no_point ?></strong><?cs /if ?><?cs else ?>—<?cs /if ?></td></tr><?cs /each ?>
</tbody></table></div>
<h3><?cs var:L.training.photos ?></h3>
<ul id="photos"><?cs each:p = Photos ?><li><?cs if:p.exif_at ?><?cs var:p.exif_at ?><?cs else ?><?cs var:L.training.no_time ?><?cs /if ?> — <?cs if:p.in_session == "1" ?><?cs var:L.training.in_session ?><?cs else ?><?cs var:L.training.outside ?><?cs /if ?></li><?cs /each ?></ul>
<form method="post" action="/training/<?cs var:t.id ?>/photos" enctype="multipart/form-data"><?cs call:csrf_field() ?>
 <div class="field<?cs if:Form.err.photo ?> has-error<?cs /if ?>"><label for="f-photo"><?cs var:L.training.photo ?></label><?cs if:Form.err.photo ?><p class="error-message" id="e-photo"><?cs var:Form.err.photo ?></p><?cs /if ?><input id="f-photo" name="photo" type="file" accept="image/jpeg"></div>
 <button class="button secondary"><?cs var:L.training.upload ?></button></form>
<?cs /if ?>
<?cs /with ?>
<?cs include:"inc/foot.cs" ?>
