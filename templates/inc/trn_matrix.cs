<div class="table-wrap"><table id="compliance"><thead><tr><th><?cs var:L.training.name ?></th><th><?cs var:L.training.role ?></th><th><?cs var:L.training.place ?></th><?cs each:m = Matrix.months ?><th><?cs var:m ?></th><?cs /each ?></tr></thead><tbody>
<?cs each:p = Matrix.rows ?><tr><td><?cs var:p.name ?></td><td><?cs var:p.role ?></td><td><?cs var:p.place ?></td><?cs each:c = p.c ?><td class="<?cs if:c.ok ?>ok<?cs else ?>short<?cs /if ?>"><?cs var:c.n ?><?cs if:!c.ok ?> ✗<?cs /if ?></td><?cs /each ?></tr><?cs /each ?>
</tbody></table></div>
