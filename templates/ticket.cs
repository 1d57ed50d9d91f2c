<?cs set:Page.title = T.number ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?>
<p><a href="/tickets"><?cs var:L.ticket.back ?></a></p>
<h1><?cs var:T.number ?>: <?cs var:T.subject ?></h1>
<dl class="summary">
 <dt><?cs var:L.ticket.status ?></dt><dd><strong><?cs var:T.status_text ?></strong><?cs if:T.overdue ?> <span class="tag red"><?cs var:L.ticket.overdue ?></span><?cs /if ?><?cs if:T.paused ?><br><?cs var:L.ticket.paused ?> <?cs var:T.paused ?><?cs /if ?></dd>
 <dt><?cs var:L.ticket.type ?></dt><dd><?cs var:T.type ?></dd>
 <dt><?cs var:L.ticket.priority ?></dt><dd><?cs var:L.ticket.prio[T.priority] ?></dd>
 <dt><?cs var:L.ticket.place ?></dt><dd><?cs var:T.place ?></dd>
 <dt><?cs var:L.ticket.raised_by ?></dt><dd><?cs var:T.raiser ?><?cs if:T.mobile ?> (<?cs var:T.mobile ?>)<?cs /if ?>, <?cs var:T.created ?></dd>
 <dt><?cs var:L.ticket.assignee ?></dt><dd><?cs if:T.assignee ?><?cs var:T.assignee ?> (<?cs var:T.assignee_ref ?>), <?cs /if ?><?cs var:T.role ?></dd>
 <dt><?cs var:L.ticket.due ?></dt><dd><?cs var:T.due ?></dd>
 <?cs if:T.link_kind ?><dt><?cs var:L.ticket.link ?></dt><dd><?cs var:L.ticket.link_kinds[T.link_kind] ?> <?cs if:T.link_href ?><a href="<?cs var:T.link_href ?>"><?cs var:T.link_ref ?></a><?cs else ?><?cs var:T.link_ref ?><?cs /if ?></dd><?cs /if ?>
 <?cs if:T.resolution_code ?><dt><?cs var:L.ticket.resolution ?></dt><dd><?cs var:T.resolution_code ?></dd><?cs /if ?>
 <?cs if:T.parent ?><dt><?cs var:L.ticket.duplicate_of ?></dt><dd><a href="/tickets/<?cs var:T.parent ?>"><?cs var:T.parent ?></a></dd><?cs /if ?>
 <?cs each:x = Answers ?><dt><?cs var:x.label ?></dt><dd><?cs var:x.value ?></dd><?cs /each ?>
 <?cs if:T.rating > 0 ?><dt><?cs var:L.ticket.rating ?></dt><dd><?cs var:T.rating ?>/5</dd><?cs /if ?>
</dl>
<h2><?cs var:L.ticket.thread ?></h2>
<ol class="thread">
<?cs each:e = Events ?><li<?cs if:e.internal == "1" ?> class="internal"<?cs /if ?>><p class="small"><?cs var:e.when ?> — <?cs var:e.who ?><?cs if:!e.who ?><?cs var:L.ticket.system ?><?cs /if ?><?cs if:Lang != "hi" ?>:<?cs /if ?> <?cs var:e.what ?><?cs if:e.to_name ?> → <?cs var:e.to_name ?><?cs /if ?><?cs if:e.internal == "1" ?> <span class="tag grey"><?cs var:L.ticket.internal ?></span><?cs /if ?></p><?cs if:e.body ?><p><?cs var:e.body ?></p><?cs /if ?></li><?cs /each ?>
</ol>
<?cs if:subcount(Files) > 0 ?><h2><?cs var:L.ticket.files ?></h2>
<ul class="files"><?cs each:f = Files ?><li><a href="/tickets/<?cs var:T.number ?>/files/<?cs var:f.id ?>"><?cs var:f.label ?></a> (<?cs var:f.kb ?> KB) — <?cs var:f.who ?><?cs if:f.internal == "1" ?> <span class="tag grey"><?cs var:L.ticket.file_internal ?></span><?cs /if ?></li><?cs /each ?></ul><?cs /if ?>
<?cs def:act(name, label) ?><input type="hidden" name="csrf" value="<?cs var:CSRF ?>"><input type="hidden" name="action" value="<?cs var:name ?>"><?cs /def ?>
<?cs def:bodybox(name, label) ?><div class="field<?cs if:Form.action == name && Form.err.body ?> has-error<?cs /if ?>"><label for="f-body-<?cs var:name ?>"><?cs var:label ?></label><?cs if:Form.action == name && Form.err.body ?><p class="error-message"><?cs var:Form.err.body ?></p><?cs /if ?><textarea id="f-body-<?cs var:name ?>" name="body" rows="3"><?cs if:Form.action == name ?><?cs var:Form.val.body ?><?cs /if ?></textarea></div><?cs /def ?>
<?cs def:filebox(name) ?><div class="field<?cs if:Form.action == name && Form.err.file ?> has-error<?cs /if ?>"><label for="f-file-<?cs var:name ?>"><?cs var:L.ticket.file ?></label><p class="hint"><?cs var:L.ticket.file_hint ?> <?cs var:MaxKB ?> KB.</p><?cs if:Form.action == name && Form.err.file ?><p class="error-message" id="e-file"><?cs var:Form.err.file ?></p><?cs /if ?><input type="file" id="f-file-<?cs var:name ?>" name="file" accept="application/pdf,image/jpeg,image/png"></div><?cs /def ?>
<?cs set:open = T.status == "new" || T.status == "assigned" || T.status == "in_progress" || T.status == "awaiting_info" ?>
<?cs if:Seat == "handler" ?>
 <?cs if:T.status == "assigned" && T.mine ?><form method="post" action="/tickets/<?cs var:T.number ?>"><?cs call:act("start", "") ?><button class="button"><?cs var:L.ticket.do.start ?></button></form><?cs /if ?>
 <?cs if:open ?>
 <h2><?cs var:L.ticket.do.reply ?></h2>
 <form method="post" action="/tickets/<?cs var:T.number ?>" enctype="multipart/form-data"><?cs call:act("reply", "") ?><?cs call:bodybox("reply", L.ticket.reply_public) ?><?cs call:filebox("reply") ?><button class="button"><?cs var:L.ticket.do.reply ?></button></form>
 <?cs if:T.status == "assigned" || T.status == "in_progress" ?>
 <form method="post" action="/tickets/<?cs var:T.number ?>"><?cs call:act("ask_info", "") ?><?cs call:bodybox("ask_info", L.ticket.ask_what) ?><button class="button secondary"><?cs var:L.ticket.do.ask_info ?></button></form>
 <?cs /if ?>
 <?cs if:T.status != "new" ?>
 <?cs include:"inc/ticket_help.cs" ?>
 <h2><?cs var:L.ticket.do.resolve ?></h2>
 <form method="post" action="/tickets/<?cs var:T.number ?>" enctype="multipart/form-data"><?cs call:act("resolve", "") ?>
  <div class="field<?cs if:Form.err.code ?> has-error<?cs /if ?>"><label for="f-code"><?cs var:L.ticket.resolution ?></label><?cs if:Form.err.code ?><p class="error-message"><?cs var:Form.err.code ?></p><?cs /if ?><select id="f-code" name="code"><option value=""><?cs var:L.loc.choose ?></option><?cs each:c = Codes ?><option value="<?cs var:c.code ?>"<?cs if:Form.val.code == c.code ?> selected<?cs /if ?>><?cs var:c.name ?></option><?cs /each ?></select></div>
  <?cs call:bodybox("resolve", L.ticket.resolution_text) ?><?cs call:filebox("resolve") ?><button class="button"><?cs var:L.ticket.do.resolve ?></button></form>
 <?cs /if ?>
 <h2><?cs var:L.ticket.do.assign ?></h2>
 <form method="post" action="/tickets/<?cs var:T.number ?>"><?cs call:act("assign", "") ?>
  <?cs call:field_input("assignee", L.ticket.assignee, "text", L.ticket.assignee_hint, "") ?>
  <div class="field checks"><label><input type="checkbox" name="misrouted" value="1"> <?cs var:L.ticket.misrouted ?></label></div>
  <?cs call:bodybox("assign", L.ticket.reason) ?><button class="button secondary"><?cs var:L.ticket.do.assign ?></button></form>
 <h2><?cs var:L.ticket.do.reject ?></h2>
 <form method="post" action="/tickets/<?cs var:T.number ?>"><?cs call:act("reject", "") ?><?cs call:bodybox("reject", L.ticket.reason) ?><button class="button warning"><?cs var:L.ticket.do.reject ?></button></form>
 <form method="post" action="/tickets/<?cs var:T.number ?>"><?cs call:act("duplicate", "") ?><?cs call:field_input("of", L.ticket.duplicate_of, "text", "", "") ?><button class="button secondary"><?cs var:L.ticket.do.duplicate ?></button></form>
 <?cs /if ?>
 <h2><?cs var:L.ticket.do.note ?></h2>
 <form method="post" action="/tickets/<?cs var:T.number ?>" enctype="multipart/form-data"><?cs call:act("note", "") ?><?cs call:bodybox("note", L.ticket.note_hint) ?><?cs call:filebox("note") ?><button class="button secondary"><?cs var:L.ticket.do.note ?></button></form>
<?cs else ?>
 <?cs if:open || T.status == "resolved" ?>
 <h2><?cs var:L.ticket.do.reply ?></h2>
 <form method="post" action="/tickets/<?cs var:T.number ?>" enctype="multipart/form-data"><?cs call:act("reply", "") ?><?cs call:bodybox("reply", L.ticket.reply_public) ?><?cs call:filebox("reply") ?><button class="button"><?cs var:L.ticket.do.reply ?></button></form>
 <?cs /if ?>
 <?cs if:T.status == "resolved" ?><form method="post" action="/tickets/<?cs var:T.number ?>"><?cs call:act("close", "") ?><button class="button"><?cs var:L.ticket.do.close ?></button></form><?cs /if ?>
 <?cs if:T.kind == "grievance" && (T.status == "resolved" || T.status == "closed" || T.status == "rejected") ?>
 <h2><?cs var:L.ticket.do.appeal ?></h2>
 <form method="post" action="/tickets/<?cs var:T.number ?>"><?cs call:act("appeal", "") ?><?cs call:bodybox("appeal", L.grievance.appeal_why) ?><button class="button secondary"><?cs var:L.ticket.do.appeal ?></button></form>
 <?cs /if ?>
 <?cs if:T.status == "resolved" || T.status == "closed" ?>
 <form method="post" action="/tickets/<?cs var:T.number ?>"><?cs call:act("reopen", "") ?><?cs call:bodybox("reopen", L.ticket.reopen_why) ?><button class="button secondary"><?cs var:L.ticket.do.reopen ?></button></form>
 <?cs if:T.rating == 0 ?><form method="post" action="/tickets/<?cs var:T.number ?>"><?cs call:act("rate", "") ?><div class="field<?cs if:Form.err.rating ?> has-error<?cs /if ?>"><label for="f-rating"><?cs var:L.ticket.rating ?></label><select id="f-rating" name="rating"><?cs loop:p = 5, 1, -1 ?><option value="<?cs var:p ?>"><?cs var:p ?></option><?cs /loop ?></select></div><button class="button secondary"><?cs var:L.ticket.do.rate ?></button></form><?cs /if ?>
 <?cs /if ?>
<?cs /if ?>
<?cs include:"inc/foot.cs" ?>
