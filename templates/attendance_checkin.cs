<?cs set:Page.title = L.attendance.checkin_title ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?>
<h1><?cs var:L.attendance.checkin_title ?></h1>
<?cs if:Result.status ?>
<div class="panel result result-<?cs var:Result.status ?>" role="status" id="result">
 <h2><?cs var:L.attendance.result[Result.status] ?></h2>
 <p><?cs var:L.attendance.result_day ?> <?cs var:Result.day ?>, <?cs var:Result.at ?><?cs if:Result.late ?> — <?cs var:L.attendance.status.late ?><?cs /if ?></p>
 <?cs if:Result.distance ?><p><?cs var:L.attendance.distance ?>: <?cs var:Result.distance ?> m</p><?cs /if ?>
 <?cs if:Result.reasons.0 ?><p><?cs var:L.attendance.flag_reasons ?>:</p><ul><?cs each:x = Result.reasons ?><li><?cs var:x ?></li><?cs /each ?></ul><p class="small"><?cs var:L.attendance.flag_next ?></p><?cs /if ?>
</div>
<?cs /if ?>
<?cs if:Me.placed ?>
<p><?cs var:L.attendance.gp ?>: <strong><?cs var:Me.gp ?></strong><?cs if:!Me.has_point ?> — <?cs var:L.attendance.no_point ?><?cs /if ?></p>
<form method="post" action="/attendance/checkin" id="checkin-form" data-geo="checkin">
 <?cs call:csrf_field() ?>
 <input type="hidden" name="source" value="web">
 <input type="hidden" name="lat" id="f-lat" value="">
 <input type="hidden" name="lon" id="f-lon" value="">
 <input type="hidden" name="accuracy_m" id="f-accuracy_m" value="">
 <input type="hidden" name="fix_at" id="f-fix_at" value="">
 <p class="js-only" hidden><button class="button" type="submit" id="checkin-gps"><?cs var:L.attendance.checkin_gps ?></button></p>
 <p class="js-only small" hidden id="geo-status" role="status" aria-live="polite"></p>
</form>
<noscript><p><?cs var:L.attendance.needs_js ?></p></noscript>
<form method="post" action="/attendance/checkin" id="nogps-form">
 <?cs call:csrf_field() ?>
 <input type="hidden" name="source" value="no_gps">
 <details><summary><?cs var:L.attendance.no_gps_summary ?></summary>
 <p class="small"><?cs var:L.attendance.no_gps_text ?></p>
 <button class="button secondary" type="submit" id="checkin-nogps"><?cs var:L.attendance.no_gps_button ?></button>
 </details>
</form>
<?cs else ?><p><?cs var:L.attendance.no_gp ?></p><?cs /if ?>
<h2><?cs var:L.attendance.purpose_title ?></h2>
<p class="small" id="purpose"><?cs var:L.attendance.purpose ?></p>
<ul class="small"><li><?cs var:L.attendance.rule_radius ?></li><li><?cs var:L.attendance.rule_accuracy ?> <?cs var:Rule.accuracy ?> m.</li><li><?cs var:L.attendance.rule_on_time ?> <?cs var:Rule.on_time ?>.</li><li><?cs var:L.attendance.rule_retention ?> <?cs var:Rule.retention ?> <?cs var:L.attendance.days ?>.</li></ul>
<p class="js-only" hidden id="geo-texts" data-wait="<?cs var:L.attendance.geo_wait ?>" data-denied="<?cs var:L.attendance.geo_denied ?>" data-none="<?cs var:L.attendance.geo_none ?>"></p>
<?cs include:"inc/foot.cs" ?>
