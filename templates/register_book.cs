<?cs set:Page.title = Book.name ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?><?cs include:"inc/picker.cs" ?><?cs include:"inc/svcform.cs" ?>
<h1><?cs var:Book.name ?></h1>
<?cs if:Preview ?><p class="notice"><?cs var:L.register.preview_note ?> <?cs var:Preview.version ?> · <a href="/admin/registers"><?cs var:L.register.admin_title ?></a></p><?cs /if ?>
<p><?cs var:L.register.gp ?>: <strong><?cs var:Book.gp ?></strong> · <?cs var:L.register.fy ?>: <strong><?cs var:Book.fy ?></strong> · <?cs var:L.register.book_states[Book.status] ?><?cs if:Book.closed_through ?> · <?cs var:L.register.closed_through ?> <?cs var:Book.closed_through ?><?cs /if ?></p>
<?cs if:Book.basis ?><p class="small"><?cs var:Book.basis ?></p><?cs /if ?>
<?cs if:Book.unconfirmed ?><p class="notice small"><?cs var:L.register.unconfirmed ?></p><?cs /if ?>
<?cs if:Book.balances.0.label ?>
<dl class="figures" id="balances"><?cs each:x = Book.balances ?><dt><?cs var:x.label ?></dt><dd<?cs if:x.negative ?> class="error-message"<?cs /if ?>><?cs var:x.value ?></dd><?cs /each ?></dl>
<p class="small"><?cs var:L.register.opening ?>: <?cs each:x = Book.opening ?><?cs var:x.label ?> <?cs var:x.value ?> <?cs /each ?></p>
<?cs /if ?>
<div class="table-wrap" role="region" tabindex="0" aria-label="<?cs var:Book.name ?>"><table id="entries" class="register"><thead><tr><th><?cs var:L.register.serial ?></th><?cs each:c = Cols ?><th><?cs var:c ?></th><?cs /each ?><th><?cs var:L.register.state ?></th></tr></thead><tbody>
<?cs each:e = Rows ?><tr id="entry-<?cs var:e.id ?>"<?cs if:e.corrected_by ?> class="struck"<?cs /if ?>>
 <td><a href="/registers/entry/<?cs var:e.id ?>"><?cs if:e.serial ?><?cs var:e.serial ?><?cs else ?><?cs var:L.register.draft ?><?cs /if ?></a></td>
 <?cs each:c = e.cells ?><td><?cs if:e.corrected_by ?><del><?cs var:c ?></del><?cs else ?><?cs var:c ?><?cs /if ?></td><?cs /each ?>
 <td><?cs var:L.register.states[e.status] ?><?cs if:e.corrected_by ?><br><span class="small"><?cs var:L.register.corrected_by ?> <a href="/registers/entry/<?cs var:e.corrected_by ?>">#<?cs var:e.corrected_by ?></a></span><?cs /if ?><?cs if:e.corrects ?><br><span class="small"><?cs var:L.register.corrects ?> <a href="/registers/entry/<?cs var:e.corrects ?>">#<?cs var:e.corrects ?></a></span><?cs /if ?></td>
</tr><?cs /each ?>
<?cs if:Book.has_totals ?><tr class="totals"><th><?cs var:L.register.total ?></th><?cs each:c = Cols ?><td><strong><?cs var:Totals[name(c)] ?></strong></td><?cs /each ?><td></td></tr><?cs /if ?>
</tbody></table></div>
<?cs if:Book.id ?><p><a class="button secondary" href="/registers/<?cs var:url_escape(Book.code) ?>/<?cs var:Book.id ?>/pdf"><?cs var:L.register.pdf_link ?></a> <a class="button secondary" href="/registers/<?cs var:url_escape(Book.code) ?>/<?cs var:Book.id ?>/csv"><?cs var:L.register.csv_link ?></a></p><?cs /if ?>
<?cs if:Book.next ?><p><a href="?after=<?cs var:Book.next ?>"><?cs var:L.register.more ?></a></p><?cs /if ?>
<?cs if:Can.verify && Book.daily_close && Book.id ?>
<form method="post" action="/registers/books/<?cs var:Book.id ?>/close-day" class="inline"><?cs call:csrf_field() ?>
 <?cs call:field_input("day", L.register.close_day, "date", L.register.close_day_hint, "") ?><button class="button"><?cs var:L.register.close ?></button></form>
<?cs /if ?>
<?cs if:Can.verify && Book.id && Book.status == "open" ?>
<form method="post" action="/registers/books/<?cs var:Book.id ?>/close-year" class="panel"><?cs call:csrf_field() ?>
 <p class="hint"><?cs var:L.register.close_year_hint ?></p><button class="button warning"><?cs var:L.register.close_year ?></button></form>
<?cs /if ?>
<?cs if:Can.enter ?>
<h2 id="new"><?cs if:Form.corrects ?><?cs var:L.register.new_correction ?> #<?cs var:Form.corrects ?><?cs else ?><?cs var:L.register.new_entry ?><?cs /if ?></h2>
<form method="post" action="/registers/<?cs var:url_escape(Book.code) ?>/<?cs if:Book.id ?><?cs var:Book.id ?><?cs else ?>new<?cs /if ?>" enctype="multipart/form-data" novalidate>
 <?cs call:csrf_field() ?>
 <?cs if:Form.corrects ?><input type="hidden" name="corrects" value="<?cs var:Form.corrects ?>"><?cs /if ?>
 <?cs each:f = Svc.fields ?><?cs call:svc_field(f) ?><?cs /each ?>
 <?cs if:!Preview ?><button class="button" name="submit" value="1"><?cs var:L.register.save_submit ?></button>
 <button class="button secondary" name="submit" value="0"><?cs var:L.register.save_draft ?></button><?cs /if ?>
</form>
<?cs /if ?>
<?cs include:"inc/foot.cs" ?>
