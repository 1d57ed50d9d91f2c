<?cs set:Page.title = Book.name ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?>
<p><a href="/registers/<?cs var:url_escape(Book.code) ?>/<?cs var:Book.id ?>"><?cs var:Book.name ?> — <?cs var:Book.gp ?>, <?cs var:Book.fy ?></a></p>
<h1><?cs if:Entry.serial ?><?cs var:L.register.serial ?> <?cs var:Entry.serial ?><?cs else ?><?cs var:L.register.draft ?><?cs /if ?></h1>
<p id="state"><?cs var:L.register.states[Entry.status] ?><?cs if:Entry.corrected_by ?> — <?cs var:L.register.corrected_by ?> <a href="/registers/entry/<?cs var:Entry.corrected_by ?>">#<?cs var:Entry.corrected_by ?></a><?cs /if ?><?cs if:Entry.corrects ?> — <?cs var:L.register.corrects ?> <a href="/registers/entry/<?cs var:Entry.corrects ?>">#<?cs var:Entry.corrects ?></a><?cs /if ?></p>
<?cs if:Entry.note ?><p class="notice"><?cs var:L.register.return_note ?>: <?cs var:Entry.note ?></p><?cs /if ?>
<dl class="facts<?cs if:Entry.corrected_by ?> struck<?cs /if ?>" id="cells"><?cs each:c = Entry.cells ?><dt><?cs var:c.label ?></dt><dd><?cs if:Entry.corrected_by ?><del><?cs var:c.value ?></del><?cs else ?><?cs var:c.value ?><?cs /if ?></dd><?cs /each ?></dl>
<p class="small"><?cs var:L.register.maker ?>: <?cs var:Entry.maker ?> · <?cs var:Entry.entered_at ?><?cs if:Entry.submitted_at ?> · <?cs var:L.register.states.submitted ?> <?cs var:Entry.submitted_at ?><?cs /if ?><?cs if:Entry.verified_at ?> · <?cs var:L.register.states.verified ?> <?cs var:Entry.verified_at ?><?cs /if ?><?cs if:Entry.signed_at ?> · <?cs var:L.register.states.signed ?> <?cs var:Entry.signed_at ?><?cs /if ?></p>
<?cs if:Entry.hash ?><p class="small"><?cs var:L.register.hash ?>: <code><?cs var:Entry.hash ?></code></p><?cs /if ?>
<?cs if:Can.submit ?><form method="post" action="/registers/entry/<?cs var:Entry.id ?>" class="inline"><?cs call:csrf_field() ?><button class="button" name="action" value="submit"><?cs var:L.register.submit ?></button> <button class="button warning" name="action" value="delete"><?cs var:L.register.delete ?></button></form><?cs /if ?>
<?cs if:Can.verify ?><form method="post" action="/registers/entry/<?cs var:Entry.id ?>"><?cs call:csrf_field() ?>
 <button class="button" name="action" value="verify"><?cs var:L.register.verify ?></button>
 <?cs call:field_input("note", L.register.return_note, "text", "", "") ?><button class="button warning" name="action" value="return"><?cs var:L.register.return ?></button></form><?cs /if ?>
<?cs if:Can.sign ?><form method="post" action="/registers/entry/<?cs var:Entry.id ?>" class="inline"><?cs call:csrf_field() ?><button class="button" name="action" value="sign"><?cs var:L.register.sign ?></button></form><?cs /if ?>
<?cs if:Can.correct ?><p><a class="button secondary" href="/registers/<?cs var:url_escape(Book.code) ?>/<?cs var:Book.id ?>?corrects=<?cs var:Entry.id ?>#new"><?cs var:L.register.correct ?></a></p><?cs /if ?>
<?cs include:"inc/foot.cs" ?>
