<?cs set:Page.title = L.verify.pdf_h ?><?cs include:"inc/head.cs" ?>
<div class="panel panel-<?cs if:P.valid ?>ok<?cs else ?>bad<?cs /if ?>">
 <h1 class="panel-title"><?cs if:P.valid ?><?cs var:L.verify.pdf_ok ?><?cs else ?><?cs var:L.verify.pdf_bad ?><?cs /if ?></h1>
</div>
<h2><?cs var:L.verify.next_h ?></h2>
<p><?cs if:P.valid ?><?cs var:L.verify.pdf_next_ok ?><?cs else ?><?cs var:L.verify.pdf_next_bad ?><?cs /if ?></p>
<dl class="summary"><dt><?cs var:L.verify.pdf_status ?></dt><dd><?cs var:P.status ?></dd><?cs if:P.signer ?><dt><?cs var:L.verify.signer ?></dt><dd><?cs var:P.signer ?></dd><?cs /if ?></dl>
<p><a class="button secondary" href="/verify"><?cs var:L.verify.another ?></a></p>
<?cs include:"inc/foot.cs" ?>
