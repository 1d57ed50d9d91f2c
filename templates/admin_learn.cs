<?cs set:Page.title = L.learn.add ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?>
<h1><?cs var:L.learn.add ?></h1>
<p class="hint"><?cs var:L.learn.add_hint ?></p>
<form method="post" action="/admin/learn" enctype="multipart/form-data"><?cs call:csrf_field() ?>
 <?cs call:field_input("key", L.learn.key, "text", L.learn.key_hint, "") ?>
 <?cs call:field_input("kind", L.learn.kind, "text", L.learn.kind_hint, "") ?>
 <?cs call:field_input("lang", L.learn.lang, "text", "en / hi", "") ?>
 <?cs call:field_input("title", L.learn.item, "text", "", "") ?>
 <?cs call:field_textarea("description", L.learn.description, "") ?>
 <?cs call:field_input("tags", L.learn.tag, "text", L.learn.tags_hint, "") ?>
 <?cs call:field_input("audience", L.learn.audience, "text", L.learn.audience_hint, "") ?>
 <div class="field"><input id="f-mandatory" type="checkbox" name="mandatory" value="1"> <label for="f-mandatory"><?cs var:L.learn.mandatory ?></label></div>
 <div class="field<?cs if:Form.err.file ?> has-error<?cs /if ?>"><label for="f-file"><?cs var:L.learn.file ?></label><?cs if:Form.err.file ?><p class="error-message" id="e-file"><?cs var:Form.err.file ?></p><?cs /if ?><input id="f-file" name="file" type="file"></div>
 <button class="button"><?cs var:L.learn.save ?></button>
</form>
<h2><?cs var:L.learn.report ?></h2>
<?cs include:"inc/learn_report.cs" ?>
<?cs include:"inc/foot.cs" ?>
