<?cs set:Page.title = L.appeal.title ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?>
<h1><?cs var:L.appeal.title ?> — <?cs var:Appeal.0.number ?></h1>
<p><a href="/desk/app/<?cs var:Appeal.0.number ?>"><?cs var:L.appeal.open_app ?></a></p>
<dl class="summary"><dt><?cs var:L.appeal.level ?></dt><dd><?cs var:Appeal.0.level ?></dd><dt><?cs var:L.appeal.grounds ?></dt><dd><?cs var:Appeal.0.grounds ?></dd><dt><?cs var:L.loc.status ?></dt><dd><?cs var:Appeal.0.status ?></dd></dl>
<?cs if:Appeal.0.status == "pending" ?>
<form method="post" action="/desk/appeal/<?cs var:Appeal.0.id ?>" novalidate><?cs call:csrf_field() ?>
<fieldset class="field radios<?cs if:Form.err.decision ?> has-error<?cs /if ?>"><legend><?cs var:L.appeal.decision ?></legend><?cs if:Form.err.decision ?><p class="error-message"><?cs var:Form.err.decision ?></p><?cs /if ?><label><input type="radio" name="decision" value="allow"> <?cs var:L.appeal.allow ?></label><label><input type="radio" name="decision" value="dismiss"> <?cs var:L.appeal.dismiss ?></label></fieldset>
<?cs call:field_textarea("order", L.appeal.order, L.appeal.order_hint) ?>
<button class="button"><?cs var:L.appeal.decide ?></button></form>
<?cs else ?><p><?cs var:Appeal.0.order ?></p><?cs /if ?>
<?cs include:"inc/foot.cs" ?>
