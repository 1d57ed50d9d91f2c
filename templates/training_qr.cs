<?cs set:Page.title = L.training.qr_title ?><?cs set:Page.refresh = Qr.refresh ?><?cs include:"inc/head.cs" ?>
<h1><?cs var:L.training.qr_title ?></h1>
<p><?cs var:L.training.qr_hint ?></p>
<p><img id="qr" class="qr" width="360" height="360" alt="<?cs var:L.training.qr_alt ?>" src="data:image/svg+xml;base64,<?cs var:Qr.svg_b64 ?>"></p>
<p class="small"><a href="/training/<?cs var:Qr.id ?>"><?cs var:L.training.back ?></a></p>
<?cs include:"inc/foot.cs" ?>
