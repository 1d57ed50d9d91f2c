<?cs set:Page.title = L.training.checkin ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?>
<h1><?cs var:L.training.checkin ?></h1>
<p><?cs var:T.0.title ?> — <?cs var:T.0.starts ?>, <?cs var:T.0.venue ?></p>
<form method="post" action="/training/<?cs var:T.0.id ?>/checkin" data-geo="checkin"><?cs call:csrf_field() ?><input type="hidden" name="t" value="<?cs var:Checkin.t ?>">
 <input type="hidden" name="lat" id="f-lat" value=""><input type="hidden" name="lon" id="f-lon" value=""><input type="hidden" name="accuracy_m" id="f-accuracy_m" value="">
 <button class="button"><?cs var:L.training.checkin_button ?></button>
 <p class="js-only small" hidden id="geo-status" role="status" aria-live="polite"></p></form>
<p class="small"><?cs var:L.training.checkin_where ?></p>
<p class="js-only" hidden id="geo-texts" data-wait="<?cs var:L.attendance.geo_wait ?>" data-denied="<?cs var:L.training.geo_denied ?>" data-none="<?cs var:L.training.geo_denied ?>"></p>
<?cs include:"inc/foot.cs" ?>
