<?cs set:Page.title = D.name ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?><?cs include:"inc/table.cs" ?>
<p class="small"><a class="back" href="/admin/registers"><?cs var:L.register.admin_title ?></a></p>
<h1><?cs var:D.name ?> <code><?cs var:D.code ?></code></h1>
<p><?cs var:L.register.version ?> <?cs var:D.version ?>: <strong><?cs var:L.register.version_states[D.status] ?></strong><?cs if:D.status != "draft" ?> · <?cs var:L.register.design.next_draft ?><?cs /if ?></p>
<p><a href="/admin/registers/<?cs var:url_escape(D.code) ?>/header"><?cs var:L.register.design.header ?></a>: <?cs var:L.register.design.levels[D.level] ?>, <?cs var:L.register.design.periods[D.periodicity] ?></p>
<h2><?cs var:L.register.design.columns ?></h2>
<?cs call:region(L.register.design.columns) ?><table id="columns"><thead><tr><th><?cs var:L.register.design.column ?></th><th><?cs var:L.svc.type ?></th><th><?cs var:L.register.design.move ?></th></tr></thead><tbody>
<?cs each:c = Cols ?><tr><td><a href="/admin/registers/<?cs var:url_escape(D.code) ?>/columns/<?cs var:c.name ?>"><?cs var:c.label ?></a><br><code class="small"><?cs var:c.name ?></code><?cs if:c.required ?> <span class="tag"><?cs var:L.svc.required ?></span><?cs /if ?></td><td><?cs var:L.svc.ft[c.type] ?></td>
<td><form class="inline" method="post" action="/admin/registers/<?cs var:url_escape(D.code) ?>/columns/<?cs var:c.name ?>"><?cs call:csrf_field() ?><button class="link" name="action" value="up" aria-label="<?cs var:L.register.design.up ?> <?cs var:c.label ?>">↑</button> <button class="link" name="action" value="down" aria-label="<?cs var:L.register.design.down ?> <?cs var:c.label ?>">↓</button> <button class="link" name="action" value="delete"><?cs var:L.svc.delete ?></button></form></td></tr><?cs /each ?>
<?cs if:!subcount(Cols) ?><tr><td colspan="3" class="none-yet"><?cs var:L.none_yet ?></td></tr><?cs /if ?></tbody></table></div>
<p><a class="button secondary" href="/admin/registers/<?cs var:url_escape(D.code) ?>/add-column"><?cs var:L.register.design.add_column ?></a></p>
<h2><?cs var:L.register.design.check ?></h2>
<?cs if:subcount(Problems) ?><div class="notice" id="problems"><p><?cs var:L.register.design.problems ?></p><ul><?cs each:p = Problems ?><li><?cs var:p ?></li><?cs /each ?></ul></div><?cs else ?><p><?cs var:L.register.design.no_problems ?></p><?cs /if ?>
<ul>
 <li><a href="/admin/registers/<?cs var:url_escape(D.code) ?>/preview?version=<?cs var:D.version ?>"><?cs var:L.register.design.preview_form ?></a></li>
 <li><a href="/admin/registers/<?cs var:url_escape(D.code) ?>/print?version=<?cs var:D.version ?>"><?cs var:L.register.design.preview_print ?></a></li>
 <li><a href="/admin/registers/<?cs var:url_escape(D.code) ?>/export?version=<?cs var:D.version ?>"><?cs var:L.register.design.export ?></a></li>
</ul>
<?cs if:D.status == "draft" ?><form method="post" action="/admin/registers/<?cs var:url_escape(D.code) ?>/publish"><?cs call:csrf_field() ?>
 <p class="hint"><?cs var:L.register.design.publish_hint ?></p><button class="button"><?cs var:L.register.publish ?></button></form><?cs /if ?>
<h2><?cs var:L.register.design.import ?></h2>
<form method="post" action="/admin/registers/import" enctype="multipart/form-data"><?cs call:csrf_field() ?>
 <div class="field"><label for="f-file"><?cs var:L.register.import_file ?></label><input id="f-file" name="file" type="file" accept="application/json,.json"></div>
 <button class="button secondary"><?cs var:L.register.import ?></button>
</form>
<?cs include:"inc/foot.cs" ?>
