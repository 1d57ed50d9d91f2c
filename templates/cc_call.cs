<?cs set:Page.title = L.cc.call_title ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?>
<p><a href="/cc?number=<?cs var:url_escape(Call.0.number) ?>"><?cs var:L.cc.back ?></a></p>
<h1><?cs var:L.cc.call_title ?>: <?cs var:Call.0.number ?></h1>
<dl class="summary">
 <dt><?cs var:L.cc.direction ?></dt><dd><?cs var:L.cc.dir[Call.0.direction] ?></dd>
 <dt><?cs var:L.cc.agent ?></dt><dd><?cs var:Call.0.agent ?></dd>
 <dt><?cs var:L.cc.status ?></dt><dd><?cs var:L.cc.st[Call.0.status] ?><?cs if:Call.0.duration ?> (<?cs var:Call.0.duration ?> s)<?cs /if ?></dd>
 <dt><?cs var:L.cc.when ?></dt><dd><?cs var:Call.0.when ?></dd>
 <?cs if:Call.0.recording ?><dt><?cs var:L.cc.recording ?></dt><dd><?cs var:Call.0.recording ?></dd><?cs /if ?>
</dl>
<h2><?cs var:L.cc.disposition ?></h2>
<form method="post" action="/cc/call/<?cs var:Call.0.id ?>" novalidate>
 <?cs call:csrf_field() ?>
 <?cs call:field_select("disposition", L.cc.disposition, Dispositions, "") ?>
 <?cs call:field_input("ticket", L.cc.ticket, "text", L.cc.ticket_hint, "") ?>
 <?cs call:field_textarea("note", L.cc.note, "") ?>
 <button class="button"><?cs var:L.cc.save ?></button>
</form>
<p><a class="button secondary" href="/tickets/new?mobile=<?cs var:url_escape(Call.0.number) ?>"><?cs var:L.cc.raise ?></a></p>
<?cs include:"inc/foot.cs" ?>
