<?cs set:Page.title = L.pay.title ?><?cs include:"inc/head.cs" ?>
<h1><?cs var:L.pay.title ?></h1>
<p class="lead"><?cs var:L.pay.lead ?> <?cs var:Pay.rupees ?>.</p>
<form method="post" action="<?cs var:Pay.url ?>">
 <input type="hidden" name="merchant_id" value="<?cs var:Pay.merchant ?>">
 <input type="hidden" name="order_no" value="<?cs var:Pay.order ?>">
 <input type="hidden" name="amount" value="<?cs var:Pay.amount ?>">
 <input type="hidden" name="return_url" value="<?cs var:Pay.return ?>">
 <input type="hidden" name="callback_url" value="<?cs var:Pay.callback ?>">
 <input type="hidden" name="checksum" value="<?cs var:Pay.checksum ?>">
 <p class="small"><?cs var:L.pay.order ?>: <?cs var:Pay.order ?></p>
 <button class="button" type="submit"><?cs var:L.pay.continue ?></button>
</form>
<?cs include:"inc/foot.cs" ?>
