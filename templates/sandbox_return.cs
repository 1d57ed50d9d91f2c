<?cs set:Page.title = "Sandbox payment gateway" ?><?cs include:"inc/head.cs" ?>
<p class="tag red">TEST ONLY — sandbox gateway.</p>
<h1><?cs if:S.status == "SUCCESS" ?>Payment successful<?cs else ?>Payment failed<?cs /if ?></h1>
<form method="post" action="<?cs var:S.return ?>">
 <input type="hidden" name="order_no" value="<?cs var:S.order ?>">
 <input type="hidden" name="status" value="<?cs var:S.status ?>">
 <input type="hidden" name="gateway_txn" value="<?cs var:S.txn ?>">
 <input type="hidden" name="amount" value="<?cs var:S.amount ?>">
 <input type="hidden" name="checksum" value="<?cs var:S.checksum ?>">
 <button class="button">Return to GramSewa</button>
</form>
<?cs include:"inc/foot.cs" ?>
