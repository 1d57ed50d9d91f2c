<?cs set:Page.title = L.attendance.fence_title ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?>
<h1><?cs var:L.attendance.fence_title ?> — <?cs var:Gp_name ?></h1>
<?cs if:Fence.0.lat ?><p id="fence-approved"><?cs var:L.attendance.fence_in_force ?>: <?cs var:Fence.0.lat ?>, <?cs var:Fence.0.lon ?> (<?cs var:Fence.0.radius ?> m), <?cs var:Fence.0.approved_at ?></p>
<?cs else ?><p><?cs var:L.attendance.no_point ?></p><?cs /if ?>
<?cs if:Fence.0.p_lat ?>
<p id="fence-pending"><?cs var:L.attendance.fence_pending ?>: <?cs var:Fence.0.p_lat ?>, <?cs var:Fence.0.p_lon ?> (± <?cs var:Fence.0.p_accuracy ?> m, <?cs var:Fence.0.p_radius ?> m), <?cs var:Fence.0.captured_at ?></p>
<?cs if:Can.approve ?><form method="post" action="/attendance/geofence/<?cs var:Gp ?>/approve"><?cs call:csrf_field() ?><button class="button"><?cs var:L.attendance.approve ?></button></form><?cs /if ?>
<?cs /if ?>
<?cs if:Can.capture ?>
<h2><?cs var:L.attendance.capture ?></h2>
<p class="small"><?cs var:L.attendance.capture_hint ?> <?cs var:Rule.capture ?> m.</p>
<form method="post" action="/attendance/geofence/<?cs var:Gp ?>" data-geo="capture">
 <?cs call:csrf_field() ?>
 <?cs call:field_input("lat", L.attendance.lat, "text", "", "") ?>
 <?cs call:field_input("lon", L.attendance.lon, "text", "", "") ?>
 <?cs call:field_input("accuracy_m", L.attendance.accuracy, "text", "", "") ?>
 <?cs call:field_input("radius_m", L.attendance.radius, "text", L.attendance.radius_hint, "") ?>
 <p class="js-only" hidden><button class="button secondary" type="button" id="capture-gps"><?cs var:L.attendance.capture_gps ?></button></p>
 <p class="js-only small" hidden id="geo-status" role="status" aria-live="polite"></p>
 <button class="button"><?cs var:L.attendance.capture_save ?></button>
</form>
<p class="js-only" hidden id="geo-texts" data-wait="<?cs var:L.attendance.geo_wait ?>" data-denied="<?cs var:L.attendance.geo_denied ?>" data-none="<?cs var:L.attendance.geo_none ?>"></p>
<?cs /if ?>
<?cs include:"inc/foot.cs" ?>
