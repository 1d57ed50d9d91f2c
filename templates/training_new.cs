<?cs set:Page.title = L.training.schedule ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?>
<h1><?cs var:L.training.schedule ?></h1>
<?cs if:subcount(Lessons) ?>
<section id="lessons" class="panel"><h2><?cs var:L.training.lessons.title ?></h2>
<p class="hint"><?cs var:L.training.lessons.hint ?></p>
<div class="table-wrap" role="region" tabindex="0" aria-label="<?cs var:L.training.lessons.title ?>"><table><thead><tr><th><?cs var:L.training.type ?></th><th><?cs var:L.training.lessons.last ?></th><th class="num"><?cs var:L.training.lessons.n ?></th><?cs each:k = L.training.lessons.items ?><th class="num"><?cs var:k ?></th><?cs /each ?></tr></thead><tbody>
<?cs each:x = Lessons ?><tr><td><?cs var:L.training.types[x.type] ?></td><td><a href="/training/<?cs var:x.id ?>"><?cs var:x.title ?></a>, <?cs var:x.date ?></td><td class="num"><?cs var:x.n ?></td><?cs each:k = L.training.lessons.items ?><td class="num"><?cs if:x[name(k)] ?><?cs if:x.low[name(k)] ?><strong class="low"><?cs var:x[name(k)] ?> — <?cs var:L.training.lessons.low ?></strong><?cs else ?><?cs var:x[name(k)] ?><?cs /if ?><?cs else ?>—<?cs /if ?></td><?cs /each ?></tr>
<?cs if:x.low_comments ?><tr><td></td><td colspan="7" class="small"><?cs var:L.training.lessons.comments ?>: <?cs var:x.low_comments ?></td></tr><?cs /if ?><?cs /each ?>
</tbody></table></div></section>
<?cs /if ?>
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
