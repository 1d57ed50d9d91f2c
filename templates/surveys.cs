<?cs set:Page.title = L.survey.surveys_title ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?>
<h1><?cs var:L.survey.surveys_title ?></h1>
<p><a href="/tasks"><?cs var:L.survey.tasks_title ?></a> · <a href="/amenities"><?cs var:L.amenity.title ?></a></p>
<?cs if:Surveys.0.id ?>
<div class="table-wrap" role="region" tabindex="0" aria-label="<?cs var:L.survey.surveys_title ?>"><table id="surveys"><thead><tr><th><?cs var:L.survey.survey ?></th><th><?cs var:L.survey.window ?></th><th><?cs var:L.survey.tasks ?></th><th><?cs var:L.survey.state.completed ?></th></tr></thead><tbody>
<?cs each:s = Surveys ?><tr><td><?cs if:Officer ?><a href="/surveys/<?cs var:s.id ?>"><?cs /if ?><?cs if:Lang == "hi" ?><?cs var:s.title_hi ?><?cs else ?><?cs var:s.title_en ?><?cs /if ?><?cs if:Officer ?></a><?cs /if ?> (<?cs var:s.code ?>)</td><td><?cs var:s.from ?> – <?cs var:s.to ?></td><td><?cs if:!Officer ?><a href="/tasks?survey=<?cs var:s.id ?>"><?cs /if ?><?cs var:s.tasks ?><?cs if:!Officer ?></a><?cs /if ?></td><td><?cs var:s.completed ?></td></tr><?cs /each ?>
</tbody></table></div>
<?cs else ?><p><?cs var:L.survey.no_surveys ?></p><?cs /if ?>
<?cs if:Can.create ?>
<h2 id="new"><?cs var:L.survey.new ?></h2>
<?cs if:subcount(Problems) ?><div class="error-summary"><ul><?cs each:p = Problems ?><li><?cs var:p ?></li><?cs /each ?></ul></div><?cs /if ?>
<form method="post" action="/surveys" class="panel" novalidate><?cs call:csrf_field() ?>
 <?cs call:field_input("code", L.survey.code, "text", L.survey.code_hint, "") ?>
 <?cs call:field_input("title_en", L.survey.title_en, "text", "", "") ?>
 <?cs call:field_input("title_hi", L.survey.title_hi, "text", "", "") ?>
 <div class="field<?cs if:Form.err.target_kind ?> has-error<?cs /if ?>"><label for="f-target_kind"><?cs var:L.survey.target_kind ?></label>
 <?cs if:Form.err.target_kind ?><p class="error-message"><?cs var:Form.err.target_kind ?></p><?cs /if ?>
 <select id="f-target_kind" name="target_kind"><option value="gp"><?cs var:L.survey.target.gp ?></option><option value="amenity"<?cs if:Form.val.target_kind == "amenity" ?> selected<?cs /if ?>><?cs var:L.survey.target.amenity ?></option></select></div>
 <?cs call:field_input("amenity_types", L.survey.amenity_types, "text", L.survey.amenity_types_hint, "") ?>
 <?cs call:field_input("window_from", L.survey.window_from, "text", L.survey.window_hint, "") ?>
 <?cs call:field_input("window_to", L.survey.window_to, "text", L.survey.window_hint, "") ?>
 <?cs call:field_textarea("form", L.survey.form, L.survey.form_hint) ?>
 <button class="button"><?cs var:L.survey.create ?></button>
</form>
<?cs /if ?>
<?cs include:"inc/foot.cs" ?>
