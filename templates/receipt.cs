<?cs set:Page.title = L.pay.receipt ?><?cs include:"inc/head.cs" ?>
<div class="panel panel-<?cs if:Rc.ok ?>ok<?cs else ?>bad<?cs /if ?>">
 <h1 class="panel-title"><?cs if:Rc.ok ?><?cs var:L.pay.receipt_ok ?><?cs else ?><?cs var:L.pay.receipt_bad ?><?cs /if ?></h1>
 <div class="panel-body"><?cs var:L.pay.receipt ?><br><strong><?cs var:Rc.no ?></strong></div>
</div>
<?cs if:Rc.ok ?>
<dl class="summary"><dt><?cs var:L.pay.amount ?></dt><dd><?cs var:Rc.amount ?></dd><dt><?cs var:L.pay.when ?></dt><dd><?cs var:Rc.at ?></dd><dt><?cs var:L.pay.paid_for ?></dt><dd><?cs var:Rc.kind ?></dd></dl>
<p><?cs var:L.pay.receipt_next ?></p>
<?cs else ?>
<p><?cs var:L.pay.receipt_bad_next ?></p>
<?cs /if ?>
<?cs include:"inc/foot.cs" ?>
