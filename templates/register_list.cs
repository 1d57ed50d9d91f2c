<?cs set:Page.title = L.register.title ?><?cs include:"inc/head.cs" ?>
<h1><?cs var:L.register.title ?></h1>
<?cs if:Defs.0.code ?>
<h2><?cs var:L.register.keep ?></h2>
<ul class="links" id="defs"><?cs each:d = Defs ?><li><a href="/registers/<?cs var:url_escape(d.code) ?>/new"><?cs var:d.name ?></a></li><?cs /each ?></ul>
<?cs /if ?>
<?cs if:Health.0.gp ?>
<h2><?cs var:L.register.health ?></h2>
<div class="table-wrap" role="region" tabindex="0" aria-label="<?cs var:L.register.health ?>"><table id="health"><thead><tr><th><?cs var:L.register.gp ?></th><th><?cs var:L.register.open_books ?></th><th><?cs var:L.register.idle_days ?></th><th><?cs var:L.register.unsigned ?></th></tr></thead><tbody>
<?cs each:h = Health ?><tr><td><?cs var:h.gp ?></td><td><?cs var:h.open ?></td><td><?cs if:?h.idle ?><?cs var:h.idle ?><?cs else ?>—<?cs /if ?></td><td><?cs var:h.unsigned ?></td></tr><?cs /each ?>
</tbody></table></div>
<?cs /if ?>
<h2><?cs var:L.register.books ?></h2>
<?cs if:Books.0.id ?>
<div class="table-wrap" role="region" tabindex="0" aria-label="<?cs var:L.register.books ?>"><table id="books"><thead><tr><th><?cs var:L.register.gp ?></th><th><?cs var:L.register.register ?></th><th><?cs var:L.register.fy ?></th><th><?cs var:L.register.entries ?></th><th><?cs var:L.register.last_entry ?></th><th><?cs var:L.register.unsigned ?></th><th><?cs var:L.register.book_status ?></th></tr></thead><tbody>
<?cs each:b = Books ?><tr><td><?cs var:b.gp ?></td><td><a href="/registers/<?cs var:url_escape(b.code) ?>/<?cs var:b.id ?>"><?cs var:b.name ?></a></td><td><?cs var:b.fy ?></td><td><?cs var:b.serial ?></td><td><?cs var:b.last_at ?></td><td><?cs var:b.unsigned ?></td><td><?cs var:L.register.book_states[b.status] ?></td></tr><?cs /each ?>
</tbody></table></div>
<?cs else ?><p><?cs var:L.register.no_books ?></p><?cs /if ?>
<?cs include:"inc/foot.cs" ?>
