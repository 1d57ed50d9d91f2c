<?cs set:Page.title = L.bill.title ?><?cs include:"inc/head.cs" ?><?cs include:"inc/table.cs" ?><?cs include:"inc/form.cs" ?>
<h1><?cs var:L.bill.title ?></h1>
<form method="post" action="/csc/bills" novalidate><?cs call:csrf_field() ?>
 <div class="field"><label for="f-biller"><?cs var:L.bill.biller ?></label><select id="f-biller" name="biller"><?cs each:b = Billers ?><option value="<?cs var:b.code ?>"<?cs if:b.code == Form.val.biller ?> selected<?cs /if ?>><?cs if:Lang == "hi" ?><?cs var:b.name_hi ?><?cs else ?><?cs var:b.name_en ?><?cs /if ?></option><?cs /each ?></select></div>
 <?cs call:field_input("consumer", L.bill.consumer, "text", L.bill.consumer_hint, "") ?>
 <button class="button"><?cs var:L.bill.fetch ?></button>
</form>
<?cs if:subcount(Recent) ?><h2><?cs var:L.csc.recent ?></h2><?cs call:region(L.csc.recent) ?><table><tbody><?cs each:b = Recent ?><tr><td><a href="/csc/bills/<?cs var:b.id ?>"><?cs var:b.biller ?></a></td><td><?cs var:b.consumer ?></td><td><?cs var:b.status ?></td></tr><?cs /each ?><?cs if:!subcount(Recent) ?><tr><td colspan="1" class="none-yet"><?cs var:L.none_yet ?></td></tr><?cs /if ?></tbody></table></div><?cs /if ?>
<?cs include:"inc/foot.cs" ?>
