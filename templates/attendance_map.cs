<?cs set:Page.title = L.attendance.map_title ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?>
<h1><?cs var:L.attendance.map_title ?> — <?cs var:Place.name ?></h1>
<form method="get" action="/attendance/map" class="inline-form">
 <input type="hidden" name="location" value="<?cs var:Place.id ?>">
 <?cs call:date_input("day", L.attendance.day, "", Day) ?>
 <button class="button secondary"><?cs var:L.wallet.show ?></button>
</form>
<p><a href="/attendance?location=<?cs var:Place.id ?>&amp;day=<?cs var:Day ?>"><?cs var:L.attendance.table_link ?></a></p>
<div id="live-map" class="live-map" hidden data-src="/attendance/map.json?location=<?cs var:Place.id ?>&amp;day=<?cs var:Day ?>"></div>
<div class="chart map-svg" id="svg-map"><?cs uvar:Map ?></div>
<p class="small"><?cs var:Map_note ?> (<?cs var:Gps ?>)</p>
<?cs include:"inc/foot.cs" ?>
