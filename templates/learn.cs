<?cs set:Page.title = L.learn.title ?><?cs include:"inc/head.cs" ?>
<h1><?cs var:L.learn.title ?></h1>
<form method="get" action="/learn" class="inline">
 <label for="f-lang"><?cs var:L.learn.lang ?></label> <select id="f-lang" name="lang"><option value=""><?cs var:L.learn.any ?></option><option value="hi"<?cs if:Filter.lang == "hi" ?> selected<?cs /if ?>>हिन्दी</option><option value="en"<?cs if:Filter.lang == "en" ?> selected<?cs /if ?>>English</option></select>
 <label for="f-tag"><?cs var:L.learn.tag ?></label> <input id="f-tag" name="tag" type="text" value="<?cs var:Filter.tag ?>" maxlength="40">
 <button class="button secondary"><?cs var:L.learn.filter ?></button>
</form>
<?cs if:Admin ?><p><a href="/admin/learn"><?cs var:L.learn.add ?></a></p><?cs /if ?>
<?cs if:!Items.0.id ?><p><?cs var:L.learn.none ?></p><?cs /if ?>
<div class="table-wrap" role="region" tabindex="0" aria-label="<?cs var:L.learn.title ?>"><table id="items"><thead><tr><th><?cs var:L.learn.item ?></th><th><?cs var:L.learn.kind ?></th><th><?cs var:L.learn.lang ?></th><th><?cs var:L.learn.progress ?></th></tr></thead><tbody>
<?cs each:i = Items ?><tr><td><a href="/learn/<?cs var:i.id ?>"><?cs var:i.title ?></a><?cs if:i.mandatory == "1" ?> <strong>(<?cs var:L.learn.mandatory ?>)</strong><?cs /if ?><?cs if:i.tags ?><br><span class="small"><?cs var:i.tags ?></span><?cs /if ?></td><td><?cs var:L.learn.kinds[i.kind] ?></td><td><?cs var:i.lang ?></td><td><?cs if:i.completed_at ?><?cs var:L.learn.done ?><?cs else ?><?cs var:i.pct ?>%<?cs /if ?></td></tr><?cs /each ?>
</tbody></table></div>
<?cs include:"inc/foot.cs" ?>
