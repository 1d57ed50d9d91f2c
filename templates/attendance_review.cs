<?cs set:Page.title = L.attendance.review_title ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?>
<h1><?cs var:L.attendance.review_title ?></h1>
<?cs if:Reviewed ?><div class="flash" role="status"><?cs var:L.attendance.reviewed_flash ?></div><?cs /if ?>
<?cs each:f = Flags ?>
<section class="panel" id="flag-<?cs var:f.id ?>">
 <h2><?cs var:f.name ?> (<?cs var:f.username ?>) — <?cs var:f.gp ?></h2>
 <p class="small"><?cs var:f.at ?> · <?cs var:f.source ?><?cs if:f.distance ?> · <?cs var:L.attendance.distance ?> <?cs var:f.distance ?> m<?cs /if ?><?cs if:f.accuracy ?> · ± <?cs var:f.accuracy ?> m<?cs /if ?></p>
 <ul><?cs each:x = f.reasons ?><li><?cs var:x ?></li><?cs /each ?></ul>
 <details><summary><?cs var:L.attendance.evidence ?></summary><pre class="small"><?cs var:f.evidence ?></pre></details>
 <form method="post" action="/attendance/review/<?cs var:f.id ?>">
  <?cs call:csrf_field() ?>
  <div class="field"><label for="n-<?cs var:f.id ?>"><?cs var:L.attendance.note ?></label><input id="n-<?cs var:f.id ?>" name="note" type="text" maxlength="500"></div>
  <button class="button" name="decision" value="accept"><?cs var:L.attendance.accept ?></button>
  <button class="button warning" name="decision" value="reject"><?cs var:L.attendance.reject ?></button>
 </form>
</section>
<?cs /each ?>
<?cs if:!Flags.0.id ?><p><?cs var:L.attendance.no_flags ?></p><?cs /if ?>
<?cs include:"inc/foot.cs" ?>
