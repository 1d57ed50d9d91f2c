<?cs set:Page.title = L.training.schedule ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?>
<h1><?cs var:L.training.schedule ?></h1>
<form method="post" action="/training/new"><?cs call:csrf_field() ?>
 <div class="field<?cs if:Form.err.type ?> has-error<?cs /if ?>"><label for="f-type"><?cs var:L.training.type ?></label><?cs if:Form.err.type ?><p class="error-message" id="e-type"><?cs var:Form.err.type ?></p><?cs /if ?>
 <select id="f-type" name="type"><?cs each:t = L.training.types ?><option value="<?cs name:t ?>"<?cs if:Form.val.type == name(t) ?> selected<?cs /if ?>><?cs var:t ?></option><?cs /each ?></select></div>
 <?cs call:field_input("title_en", L.training.title_en, "text", "", "") ?>
 <?cs call:field_input("title_hi", L.training.title_hi, "text", "", "") ?>
 <?cs call:field_input("location", L.training.location, "text", L.training.location_hint, "") ?>
 <?cs call:field_input("audience", L.training.audience, "text", L.training.audience_hint, "") ?>
 <?cs call:field_input("starts_at", L.training.starts, "datetime-local", "", "") ?>
 <?cs call:field_input("ends_at", L.training.ends, "datetime-local", "", "") ?>
 <?cs call:field_input("venue", L.training.venue, "text", "", "") ?>
 <?cs call:field_input("lat", L.training.lat, "text", L.training.point_hint, "") ?>
 <?cs call:field_input("lon", L.training.lon, "text", "", "") ?>
 <?cs call:field_input("trainers", L.training.trainers, "text", "", "") ?>
 <?cs call:field_textarea("materials", L.training.materials, "") ?>
 <button class="button"><?cs var:L.training.save ?></button>
</form>
<?cs include:"inc/foot.cs" ?>
