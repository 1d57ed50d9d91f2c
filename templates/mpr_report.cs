<?cs set:Page.title = Mpr.name ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?><?cs include:"inc/picker.cs" ?><?cs include:"inc/svcform.cs" ?>
<p><a href="/mpr"><?cs var:L.mpr.title ?></a></p>
<h1><?cs var:Mpr.name ?></h1>
<p><?cs var:L.mpr.levels[Mpr.level] ?>: <strong><?cs var:Mpr.gp_name ?></strong> · <?cs var:L.mpr.month ?>: <strong><?cs var:Mpr.month ?></strong> · <?cs var:L.mpr.due ?>: <?cs var:Mpr.due ?></p>
<?cs if:Mpr.unconfirmed ?><p class="notice small"><?cs var:L.register.unconfirmed ?></p><?cs /if ?>
<p id="state"><strong><?cs var:L.mpr.states[Mpr.status] ?></strong><?cs if:Mpr.status == "submitted" ?> · <?cs var:L.mpr.waiting_for ?>: <?cs var:L.mpr.turns[Mpr.first] ?><?cs elif:Mpr.status == "bi_approved" ?> · <?cs var:L.mpr.waiting_for ?>: <?cs var:L.mpr.turns[Mpr.final] ?><?cs /if ?><?cs if:Mpr.late ?> · <span class="error-message" id="late"><?cs var:L.mpr.late ?></span><?cs /if ?><?cs if:Mpr.submitted_at ?> · <?cs var:L.mpr.states.submitted ?> <?cs var:Mpr.submitted_at ?><?cs /if ?><?cs if:Mpr.bi_at ?> · <?cs var:L.mpr.states.bi_approved ?> <?cs var:Mpr.bi_at ?><?cs /if ?><?cs if:Mpr.di_at ?> · <?cs var:L.mpr.states.approved ?> <?cs var:Mpr.di_at ?><?cs /if ?></p>
<?cs if:Mpr.status == "returned" && Mpr.return_note ?><p class="notice" id="return-note"><?cs var:L.mpr.return_note ?>: <?cs var:Mpr.return_note ?></p><?cs /if ?>
<?cs if:!Can.fill && subcount(Answers) ?>
<dl class="facts" id="answers"><?cs each:a = Answers ?><dt><?cs var:a.label ?></dt><dd><?cs each:l = a.lines ?><?cs var:l ?><br><?cs /each ?></dd><?cs /each ?></dl>
<?cs /if ?>
<?cs if:Can.fill ?>
<form method="post" action="/mpr/<?cs var:url_escape(Mpr.code) ?>/<?cs var:Mpr.month ?>" novalidate>
 <?cs call:csrf_field() ?><input type="hidden" name="location" value="<?cs var:Mpr.gp ?>">
 <?cs each:f = Svc.fields ?><?cs call:svc_field(f) ?><?cs /each ?>
 <button class="button" name="action" value="submit"><?cs var:L.mpr.submit ?></button>
 <button class="button secondary" name="action" value="save"><?cs var:L.register.save_draft ?></button>
</form>
<?cs /if ?>
<?cs if:Can.bi || Can.di ?>
<form method="post" action="/mpr/<?cs var:url_escape(Mpr.code) ?>/<?cs var:Mpr.month ?>" class="panel" id="approve"><?cs call:csrf_field() ?><input type="hidden" name="location" value="<?cs var:Mpr.gp ?>">
 <button class="button" name="action" value="approve"><?cs var:L.mpr.approve ?> (<?cs if:Can.bi ?><?cs var:L.mpr.turns[Mpr.first] ?><?cs else ?><?cs var:L.mpr.turns[Mpr.final] ?><?cs /if ?>)</button>
 <?cs call:field_input("note", L.mpr.return_note, "text", L.mpr.return_hint, "") ?><button class="button warning" name="action" value="return"><?cs var:L.mpr.return ?></button></form>
<?cs /if ?>
<p><a class="button secondary" href="/mpr/<?cs var:url_escape(Mpr.code) ?>/<?cs var:Mpr.month ?>/pdf?location=<?cs var:Mpr.gp ?>"><?cs var:L.register.pdf_link ?></a> <a class="button secondary" href="/mpr/<?cs var:url_escape(Mpr.code) ?>/<?cs var:Mpr.month ?>/csv?location=<?cs var:Mpr.gp ?>"><?cs var:L.register.csv_link ?></a></p>
<?cs include:"inc/foot.cs" ?>
