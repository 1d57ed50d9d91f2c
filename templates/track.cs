<?cs set:Page.title = L.nav.track ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?>
<h1><?cs var:L.nav.track ?></h1>
<?cs if:T.number ?>
<dl class="summary">
 <dt><?cs var:L.app.number ?></dt><dd><?cs var:T.number ?></dd>
 <dt><?cs var:L.app.service ?></dt><dd><?cs var:T.service ?></dd>
 <dt><?cs var:L.loc.status ?></dt><dd><strong><?cs var:T.status_text ?></strong><?cs if:T.stage ?> — <?cs var:T.stage ?><?cs /if ?></dd>
 <dt><?cs var:L.app.due ?></dt><dd><?cs var:T.due ?></dd>
</dl>
<p><a href="/track"><?cs var:L.track.another ?></a></p>
<?cs else ?>
<?cs if:NotFound ?><div class="error-summary" role="alert"><p><?cs var:L.track.not_found ?></p></div><?cs /if ?>
<p><?cs var:L.track.lead ?></p>
<form method="post" action="/track" novalidate>
 <?cs call:csrf_field() ?>
 <?cs call:field_input("number", L.app.number, "text", L.track.number_hint, "") ?>
 <?cs call:field_input("mobile", L.auth.mobile, "tel", L.track.mobile_hint, "mobile") ?>
 <button class="button"><?cs var:L.track.button ?></button>
</form>
<?cs /if ?>
<?cs include:"inc/foot.cs" ?>
