<div class="table-wrap" role="region" tabindex="0" aria-label="<?cs var:L.learn.report ?>"><table id="report"><thead><tr><th><?cs var:L.learn.item ?></th><th><?cs var:L.learn.lang ?></th><th class="num"><?cs var:L.learn.people ?></th><th class="num"><?cs var:L.learn.completed ?></th></tr></thead><tbody>
<?cs each:x = Report ?><tr><td><?cs var:x.title ?></td><td><?cs var:x.lang ?></td><td class="num"><?cs var:x.people ?></td><td class="num"><?cs var:x.completed ?></td></tr><?cs /each ?>
</tbody></table></div>
