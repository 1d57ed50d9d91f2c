<?cs set:Page.title = L.survey.preview_title ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?><?cs include:"inc/picker.cs" ?><?cs include:"inc/svcform.cs" ?>
<p><a href="/surveys/<?cs var:Survey.id ?>/versions"><?cs var:L.survey.versions_title ?></a></p>
<h1><?cs var:L.survey.preview_title ?>: <?cs var:Survey.title ?> — <?cs var:L.survey.version ?> <?cs var:Version.version ?> (<?cs var:L.survey.vstate[Version.status] ?>)</h1>
<?cs if:Done == "draft" ?><div class="notice" role="status"><p><?cs var:L.survey.draft_saved ?></p></div><?cs /if ?>
<p class="notice" id="preview-note"><?cs var:L.survey.preview_note ?></p>
<h2><?cs var:L.survey.rules ?></h2>
<dl class="facts" id="rules">
 <dt><?cs var:L.survey.photo_window ?></dt><dd id="photo-window"><?cs var:Survey.window_from ?> – <?cs var:Survey.window_to ?><br><span class="small"><?cs var:L.survey.photo_window_note ?></span></dd>
 <?cs each:g = Geo ?><dt><?cs var:L.survey.threshold ?>: <?cs var:g.label ?></dt><dd class="threshold" data-field="<?cs var:g.name ?>"><?cs if:g.metres ?><?cs var:g.metres ?> <?cs var:L.survey.metres ?><?cs else ?><?cs var:L.survey.threshold_none ?><?cs /if ?><br><span class="small"><?cs var:L.survey.threshold_note ?></span></dd><?cs /each ?>
</dl>
<h2><?cs var:L.survey.fill ?></h2>
<form id="preview" class="preview" action="/surveys/<?cs var:Survey.id ?>/versions/<?cs var:Version.id ?>/preview" method="get" enctype="multipart/form-data" novalidate>
<?cs include:"inc/surveyfields.cs" ?>
<button class="button" type="button" disabled><?cs var:L.survey.submit ?></button>
</form>
<?cs if:Version.status == "draft" && Can.edit ?><form method="post" action="/surveys/<?cs var:Survey.id ?>/versions/<?cs var:Version.id ?>/publish" id="publish"><?cs call:csrf_field() ?>
<p class="small"><?cs var:L.survey.publish_hint ?></p><button class="button"><?cs var:L.survey.publish ?></button></form><?cs /if ?>
<?cs include:"inc/foot.cs" ?>
