<?cs set:Page.title = L.bill.title ?><?cs include:"inc/head.cs" ?>
<h1><?cs if:Lang == "hi" ?><?cs var:Bill.0.biller_hi ?><?cs else ?><?cs var:Bill.0.biller_en ?><?cs /if ?></h1>
<dl class="summary">
 <dt><?cs var:L.bill.consumer ?></dt><dd><?cs var:Bill.0.consumer ?></dd>
 <dt><?cs var:L.loc.name ?></dt><dd><?cs var:Bill.0.name ?></dd>
 <dt><?cs var:L.pay.amount ?></dt><dd><strong><?cs var:Bill.0.rupees ?></strong></dd>
 <?cs if:Bill.0.due ?><dt><?cs var:L.app.due ?></dt><dd><?cs var:Bill.0.due ?></dd><?cs /if ?>
 <dt><?cs var:L.loc.status ?></dt><dd><?cs var:Bill.0.status_text ?></dd>
 <?cs if:Bill.0.txn ?><dt><?cs var:L.bill.txn ?></dt><dd><?cs var:Bill.0.txn ?></dd><?cs /if ?>
</dl>
<?cs if:Bill.0.status == "fetched" ?>
<p><?cs var:L.bill.collect ?> <?cs var:Bill.0.rupees ?>. <?cs var:L.csc.balance ?>: <?cs var:Balance ?>.</p>
<form method="post" action="/csc/bills/<?cs var:Bill.0.id ?>/pay"><input type="hidden" name="csrf" value="<?cs var:CSRF ?>"><input type="hidden" name="idem" value="bill-<?cs var:Bill.0.id ?>"><button class="button"><?cs var:L.bill.pay ?></button></form>
<?cs /if ?>
<?cs if:Bill.0.receipt ?><p><a class="button secondary" href="/receipts/<?cs var:Bill.0.receipt ?>/pdf"><?cs var:L.bill.receipt ?></a></p><?cs /if ?>
<p><a href="/csc/bills"><?cs var:L.bill.another ?></a></p>
<?cs include:"inc/foot.cs" ?>
