<?cs # "Are you sure?" (src/tmpl.c page_confirm): the question, what will
     happen, what was typed, then yes (posts the same fields with
     confirm=yes) or go back. ?>
<?cs include:"inc/head.cs" ?>
<h1><?cs var:Confirm.title ?></h1>
<div class="warning-text"><strong><?cs var:L.confirm.what ?></strong>
<ul class="list-bullet"><?cs each:w = Confirm.what ?><li><?cs var:w ?></li><?cs /each ?></ul></div>
<?cs if:Confirm.said ?><dl class="summary"><dt><?cs var:Confirm.said_label ?></dt><dd><?cs var:Confirm.said ?></dd></dl><?cs /if ?>
<form method="post" action="<?cs var:Confirm.action ?>"><input type="hidden" name="csrf" value="<?cs var:CSRF ?>"><?cs
 each:k = Confirm.keep ?><input type="hidden" name="<?cs var:k.name ?>" value="<?cs var:k.value ?>"><?cs /each ?><input type="hidden" name="confirm" value="yes">
 <div class="button-group"><button class="button warning"><?cs var:Confirm.yes ?></button> <a class="link-back" href="<?cs var:Confirm.back ?>"><?cs var:L.confirm.back ?></a></div>
</form>
<?cs include:"inc/foot.cs" ?>
