<?cs set:Page.title = L.pay.receipt ?><?cs include:"inc/head.cs" ?>
<p class="status-big <?cs if:Rc.ok ?>ok<?cs else ?>bad<?cs /if ?>"><?cs if:Rc.ok ?><?cs var:L.pay.receipt_ok ?><?cs else ?><?cs var:L.pay.receipt_bad ?><?cs /if ?></p>
<dl class="summary"><dt><?cs var:L.pay.receipt ?></dt><dd><?cs var:Rc.no ?></dd><?cs if:Rc.ok ?><dt><?cs var:L.pay.amount ?></dt><dd><?cs var:Rc.amount ?></dd><dt><?cs var:L.pay.when ?></dt><dd><?cs var:Rc.at ?></dd><?cs /if ?></dl>
<?cs include:"inc/foot.cs" ?>
