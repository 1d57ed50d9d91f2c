<?cs set:Page.title = "Sandbox payment gateway" ?><?cs include:"inc/head.cs" ?>
<p class="tag red">TEST ONLY — sandbox gateway. No real money moves.</p>
<h1>Pay <?cs var:S.rupees ?></h1>
<p>Merchant <?cs var:S.merchant ?>, order <?cs var:S.order ?></p>
<form method="post" action="/sandbox/pay/decide">
 <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
 <input type="hidden" name="order_no" value="<?cs var:S.order ?>">
 <input type="hidden" name="amount" value="<?cs var:S.amount ?>">
 <input type="hidden" name="return_url" value="<?cs var:S.return ?>">
 <button class="button" name="decision" value="pay">Pay</button>
 <button class="button warning" name="decision" value="fail">Fail the payment</button>
 <label class="small"><input type="checkbox" name="mode" value="nocallback"> do not send the server callback</label>
</form>
<?cs include:"inc/foot.cs" ?>
