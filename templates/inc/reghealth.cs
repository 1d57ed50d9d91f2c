<?cs # The register-health section of a dashboard (page_reghealth.c):
     the place's figures, one row per child place (drill-down), one per
     block or district office keeping books of block- or district-level
     registers, and the place's own books (a GP, a block, a district). ?>
<?cs if:RegHealth.total.gps || subcount(RegHealth.offices) || subcount(RegHealth.books) ?>
<h2 id="registers"><?cs var:L.reghealth.title ?></h2>
<div class="tiles">
 <div class="kpi"><span class="kpi-n"><?cs var:RegHealth.total.score ?></span><span><?cs var:L.reghealth.score ?></span></div>
 <div class="kpi"><span class="kpi-n"><?cs var:RegHealth.total.open_books ?></span><span><?cs var:L.reghealth.open_books ?></span></div>
 <div class="kpi"><span class="kpi-n"><?cs var:RegHealth.total.days ?></span><span><?cs var:L.reghealth.days ?></span></div>
 <div class="kpi warn"><span class="kpi-n"><?cs var:RegHealth.total.waiting ?></span><span><?cs var:L.reghealth.waiting ?></span></div>
 <div class="kpi warn"><span class="kpi-n"><?cs var:RegHealth.total.stale ?> / <?cs var:RegHealth.total.gps ?></span><span><?cs var:L.reghealth.stale ?></span></div>
</div>
<p class="small"><?cs var:L.reghealth.note ?></p>
<?cs if:subcount(RegHealth.rows) ?>
<?cs call:region(L.reghealth.title) ?><table class="dash" id="reghealth-places"><thead><tr><th><?cs var:L.reghealth.place ?></th><th class="num"><?cs var:L.reghealth.gps ?></th><th class="num"><?cs var:L.reghealth.with_books ?></th><th class="num"><?cs var:L.reghealth.open_books ?></th><th class="num"><?cs var:L.reghealth.days ?></th><th class="num"><?cs var:L.reghealth.waiting ?></th><th class="num"><?cs var:L.reghealth.stale ?></th><th class="num"><?cs var:L.reghealth.score ?></th></tr></thead>
<tbody><?cs each:x = RegHealth.rows ?><tr data-location="<?cs var:x.key ?>"><td><a href="/dash?location=<?cs var:x.key ?>&amp;from=<?cs var:D.from ?>&amp;to=<?cs var:D.to ?>#registers"><?cs var:x.name ?></a></td><td class="num"><?cs var:x.gps ?></td><td class="num"><?cs var:x.with_books ?></td><td class="num"><?cs var:x.open_books ?></td><td class="num"><?cs var:x.days ?></td><td class="num"><?cs var:x.waiting ?></td><td class="num"><?cs var:x.stale ?></td><td class="num"><?cs var:x.score ?></td></tr><?cs /each ?></tbody></table></div>
<?cs /if ?>
<?cs if:subcount(RegHealth.offices) ?>
<h3><?cs var:L.reghealth.offices ?></h3>
<?cs call:region(L.reghealth.offices) ?><table class="dash" id="reghealth-offices"><thead><tr><th><?cs var:L.reghealth.office ?></th><th><?cs var:L.reghealth.level ?></th><th class="num"><?cs var:L.reghealth.open_books ?></th><th class="num"><?cs var:L.reghealth.days ?></th><th class="num"><?cs var:L.reghealth.waiting ?></th></tr></thead>
<tbody><?cs each:x = RegHealth.offices ?><tr data-location="<?cs var:x.key ?>"><td><a href="/dash?location=<?cs var:x.key ?>&amp;from=<?cs var:D.from ?>&amp;to=<?cs var:D.to ?>#registers"><?cs var:x.name ?></a></td><td><?cs var:x.type ?></td><td class="num"><?cs var:x.open_books ?></td><td class="num"><?cs var:x.days ?></td><td class="num"><?cs var:x.waiting ?></td></tr><?cs /each ?></tbody></table></div>
<?cs /if ?>
<?cs if:subcount(RegHealth.books) ?>
<h3><?cs var:L.reghealth.own_books ?></h3>
<?cs call:region(L.reghealth.title) ?><table class="dash" id="reghealth-books"><thead><tr><th><?cs var:L.reghealth.register ?></th><th><?cs var:L.reghealth.fy ?></th><th><?cs var:L.reghealth.status ?></th><th class="num"><?cs var:L.reghealth.days ?></th><th class="num"><?cs var:L.reghealth.waiting ?></th></tr></thead>
<tbody><?cs each:x = RegHealth.books ?><tr data-book="<?cs var:x.id ?>"><td><a href="/registers/<?cs var:url_escape(x.code) ?>/<?cs var:x.id ?>"><?cs var:x.name ?></a></td><td><?cs var:x.fy ?></td><td><?cs var:x.status ?></td><td class="num"><?cs var:x.days ?></td><td class="num"><?cs var:x.waiting ?></td></tr><?cs /each ?></tbody></table></div>
<?cs /if ?>
<?cs /if ?>
