<?cs set:Page.title = Survey.title ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?><?cs include:"inc/picker.cs" ?><?cs include:"inc/svcform.cs" ?>
<p><a href="/tasks"><?cs var:L.survey.tasks_title ?></a></p>
<h1><?cs var:Survey.title ?> — #<?cs var:Task.0.id ?></h1>
<dl class="facts" id="task">
 <dt><?cs var:L.survey.place ?></dt><dd><?cs if:Lang == "hi" ?><?cs var:Task.0.gp_hi ?><?cs else ?><?cs var:Task.0.gp_en ?><?cs /if ?><?cs if:Task.0.amenity ?> — <?cs var:Task.0.amenity ?><?cs /if ?></dd>
 <dt><?cs var:L.survey.status ?></dt><dd id="state"><span class="dot" style="background:<?cs var:Task.0.colour ?>"></span> <?cs var:L.survey.state[Task.0.status] ?></dd>
 <dt><?cs var:L.survey.vle ?></dt><dd><?cs var:Task.0.assignee_name ?></dd>
 <dt><?cs var:L.survey.window ?></dt><dd><?cs var:Survey.window_from ?> – <?cs var:Survey.window_to ?></dd>
 <dt><?cs var:L.survey.due ?></dt><dd><?cs var:Task.0.due ?></dd>
 <?cs if:Task.0.submitted_at ?><dt><?cs var:L.survey.submitted_at ?></dt><dd><?cs var:Task.0.submitted_at ?></dd><?cs /if ?>
 <?cs if:Task.0.lat ?><dt><?cs var:L.survey.point ?></dt><dd><?cs var:Task.0.lat ?>, <?cs var:Task.0.lon ?><?cs if:Task.0.accuracy ?> (± <?cs var:Task.0.accuracy ?> m)<?cs /if ?></dd><?cs /if ?>
</dl>
<?cs if:Task.0.flags ?><div class="notice warning" id="flags"><p><strong><?cs var:L.survey.flagged ?>:</strong></p><ul><?cs if:string.find(Task.0.flags, "accuracy") >= 0 ?><li><?cs var:L.survey.flag.accuracy ?></li><?cs /if ?><?cs if:string.find(Task.0.flags, "photo_time") >= 0 ?><li><?cs var:L.survey.flag.photo_time ?></li><?cs /if ?></ul></div><?cs /if ?>
<?cs if:Task.0.return_note ?><p class="notice"><?cs var:L.survey.return_note ?>: <?cs var:Task.0.return_note ?></p><?cs /if ?>
<?cs if:Task.0.photo ?><p><img src="/tasks/<?cs var:Task.0.id ?>/photo" alt="<?cs var:L.survey.photo_alt ?>" class="photo" width="320"></p><?cs /if ?>
<?cs if:subcount(Answers) ?><h2><?cs var:L.survey.answers ?></h2>
<?cs if:Task.0.answers_version ?><p class="small" id="answers-version"><?cs var:L.survey.answers_version ?> <?cs var:Task.0.answers_version ?></p><?cs /if ?>
<dl class="summary answers" id="answers"><?cs each:a = Answers ?><dt><?cs var:a.label ?></dt><dd><?cs var:a.value ?></dd><?cs /each ?></dl><?cs /if ?>
<?cs if:Can.fill ?>
<?cs if:Task.0.status == "allocated" ?><form method="post" action="/tasks/<?cs var:Task.0.id ?>/start" class="inline"><?cs call:csrf_field() ?><button class="button secondary"><?cs var:L.survey.start ?></button></form><?cs /if ?>
<h2><?cs var:L.survey.fill ?></h2>
<form method="post" action="/tasks/<?cs var:Task.0.id ?>" enctype="multipart/form-data" novalidate id="fill"><?cs call:csrf_field() ?>
<input type="hidden" name="version_id" value="<?cs var:Survey.version_id ?>">
<?cs include:"inc/surveyfields.cs" ?>
<button class="button"><?cs var:L.survey.submit ?></button>
</form>
<?cs /if ?>
<?cs if:Can.decide ?><h2><?cs var:L.survey.decide ?></h2>
<form method="post" action="/tasks/<?cs var:Task.0.id ?>/decide" id="decide"><?cs call:csrf_field() ?>
 <button class="button" name="action" value="approve"><?cs var:L.survey.approve ?></button>
 <?cs call:field_input("reason", L.survey.reason, "text", L.survey.reason_hint, "") ?>
 <button class="button warning" name="action" value="return"><?cs var:L.survey.return ?></button>
</form><?cs /if ?>
<?cs if:Can.reassign ?><h2><?cs var:L.survey.reassign ?></h2>
<form method="post" action="/tasks/<?cs var:Task.0.id ?>/reassign" id="reassign"><?cs call:csrf_field() ?>
 <div class="field<?cs if:Form.err.assignee ?> has-error<?cs /if ?>"><label for="f-assignee"><?cs var:L.survey.vle ?></label>
 <?cs if:Form.err.assignee ?><p class="error-message"><?cs var:Form.err.assignee ?></p><?cs /if ?>
 <select id="f-assignee" name="assignee"><option value=""><?cs var:L.loc.choose ?></option><?cs each:v = Vles ?><option value="<?cs var:v.id ?>"><?cs var:v.name ?> (<?cs var:v.place ?>)</option><?cs /each ?></select></div>
 <?cs call:field_input("reason", L.survey.reason, "text", L.survey.reason_hint, "") ?>
 <button class="button secondary"><?cs var:L.survey.reassign ?></button>
</form><?cs /if ?>
<?cs include:"inc/foot.cs" ?>
