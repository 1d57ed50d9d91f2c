<?cs set:Page.title = L.verify.pdf_h ?><?cs include:"inc/head.cs" ?>
<p class="status-big <?cs if:P.valid ?>ok<?cs else ?>bad<?cs /if ?>" role="status"><?cs if:P.valid ?><?cs var:L.verify.pdf_ok ?><?cs else ?><?cs var:L.verify.pdf_bad ?><?cs /if ?></p>
<dl class="summary"><dt><?cs var:L.verify.pdf_status ?></dt><dd><?cs var:P.status ?></dd><dt><?cs var:L.verify.signer ?></dt><dd><?cs var:P.signer ?></dd></dl>
<p><a href="/verify"><?cs var:L.verify.another ?></a></p>
<?cs include:"inc/foot.cs" ?>
