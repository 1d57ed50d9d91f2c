<?cs set:Page.title = L.exam.list_title ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?>
<h1><?cs var:L.exam.list_title ?></h1>
<?cs if:!Exams.0.code ?><p><?cs var:L.exam.none ?></p><?cs /if ?>
<?cs each:e = Exams ?>
<section class="panel" id="exam-<?cs var:e.code ?>">
 <h2><?cs var:e.title ?></h2>
 <p><?cs var:L.exam.rules ?>: <?cs var:e.minutes ?> <?cs var:L.exam.minutes ?>, <?cs var:L.exam.pass_mark ?> <?cs var:e.pass_pct ?>%, <?cs var:L.exam.attempts_used ?> <?cs var:e.attempts ?> / <?cs var:e.max_attempts ?>. <?cs var:L.exam.closes ?> <?cs var:e.closes ?>.</p>
 <?cs if:e.grade ?><p><?cs var:L.exam.your_grade ?>: <strong><?cs var:e.grade ?>%</strong> — <?cs if:e.passed == "1" ?><?cs var:L.exam.passed ?><?cs else ?><?cs var:L.exam.not_passed ?><?cs /if ?></p><?cs /if ?>
 <?cs if:e.certificate ?><p><a href="/certificates/<?cs var:e.certificate ?>/pdf"><?cs var:L.exam.certificate ?> <?cs var:e.certificate ?></a></p><?cs /if ?>
 <?cs if:e.open_no ?><p><a class="button" href="/exams/<?cs var:e.code ?>/attempt/<?cs var:e.open_no ?>"><?cs var:L.exam.continue ?></a></p>
 <?cs elif:e.open == "1" && e.passed != "1" && e.attempts < e.max_attempts ?>
 <form method="post" action="/exams/<?cs var:e.code ?>/start"><?cs call:csrf_field() ?>
 <?cs if:e.venue == "1" ?><div class="field<?cs if:Form.exam == e.code && Form.err.venue_code ?> has-error<?cs /if ?>"><label for="f-venue_code-<?cs var:e.code ?>"><?cs var:L.exam.venue_code ?></label>
  <p class="hint"><?cs var:L.exam.venue_hint ?></p>
  <?cs if:Form.exam == e.code && Form.err.venue_code ?><p class="error-message" id="e-venue_code"><?cs var:Form.err.venue_code ?></p><?cs /if ?>
  <input id="f-venue_code-<?cs var:e.code ?>" name="venue_code" type="text" autocomplete="off" maxlength="40"></div><?cs /if ?>
 <button class="button"><?cs var:L.exam.start ?></button></form>
 <?cs /if ?>
</section>
<?cs /each ?>
<?cs include:"inc/foot.cs" ?>
