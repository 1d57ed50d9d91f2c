<?cs set:Page.title = Item.0.title ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?>
<?cs with:i = Item.0 ?>
<h1><?cs var:i.title ?></h1>
<p class="small"><?cs var:L.learn.kinds[i.kind] ?> · <?cs var:i.lang ?> · <?cs var:L.learn.version ?> <?cs var:i.version ?><?cs if:i.mandatory == "1" ?> · <strong><?cs var:L.learn.mandatory ?></strong><?cs /if ?></p>
<?cs if:i.description ?><p><?cs var:i.description ?></p><?cs /if ?>
<?cs if:i.kind == "video" ?>
<?cs if:Me.small ?><?cs set:src = "/learn/" + i.id + "/file?r=360p" ?><?cs else ?><?cs set:src = "/learn/" + i.id + "/file" ?><?cs /if ?>
<video id="player" controls preload="metadata" width="640" data-item="<?cs var:i.id ?>" data-csrf="<?cs var:CSRF ?>" src="<?cs var:src ?>"><a href="<?cs var:src ?>"><?cs var:L.learn.download ?></a></video>
<?cs if:i.has_small ?><p id="renditions" class="small"><?cs if:Me.small ?><a href="/learn/<?cs var:i.id ?>"><?cs var:L.learn.full_video ?> (<?cs var:i.mb ?> MB)</a><?cs else ?><a href="/learn/<?cs var:i.id ?>?small=1"><?cs var:L.learn.small_video ?> (<?cs var:i.small_mb ?> MB)</a><?cs /if ?></p><?cs /if ?>
<?cs else ?>
<p><a class="button" href="/learn/<?cs var:i.id ?>/file"><?cs var:L.learn.open ?></a></p>
<?cs /if ?>
<p id="progress"><?cs if:Me.done ?><?cs var:L.learn.done ?><?cs else ?><?cs var:L.learn.progress ?>: <?cs var:Me.pct ?>%<?cs /if ?></p>
<?cs if:!Me.done ?><form method="post" action="/learn/<?cs var:i.id ?>/progress"><?cs call:csrf_field() ?><input type="hidden" name="pct" value="100"><button class="button"><?cs var:L.learn.mark_done ?></button></form><?cs /if ?>
<?cs /with ?>
<p><a href="/learn"><?cs var:L.learn.back ?></a></p>
<?cs include:"inc/foot.cs" ?>
