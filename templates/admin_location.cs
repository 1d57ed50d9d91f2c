<?cs set:Page.title = Loc.0.name_en ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?>
<p class="small"><a href="/admin/locations"><?cs var:L.loc.top ?></a><?cs each:c = Crumbs ?> › <a href="/admin/locations?parent=<?cs var:c.id ?>"><?cs var:c.name_en ?></a><?cs /each ?></p>
<h1><?cs var:Loc.0.name_en ?><?cs if:Loc.0.name_hi ?> / <span lang="hi"><?cs var:Loc.0.name_hi ?></span><?cs /if ?></h1>
<dl class="summary">
 <dt><?cs var:L.loc.type_h ?></dt><dd><?cs var:L.loc.type[Loc.0.type] ?></dd>
 <dt><?cs var:L.loc.code ?></dt><dd><?cs var:Loc.0.code ?></dd>
 <dt><?cs var:L.loc.status ?></dt><dd><?cs if:Loc.0.active == "1" ?><?cs var:L.loc.active ?><?cs else ?><?cs var:L.loc.inactive ?><?cs /if ?></dd>
 <dt><?cs var:L.loc.children ?></dt><dd><a href="/admin/locations?parent=<?cs var:Loc.0.id ?>"><?cs var:Loc.children ?></a></dd>
 <dt><?cs var:L.loc.offices ?></dt><dd><?cs each:o = Offices ?><?cs var:o.name_en ?><br><?cs /each ?></dd>
</dl>
<h2><?cs var:L.loc.rename ?></h2>
<form method="post" action="/admin/locations/<?cs var:Loc.0.id ?>" novalidate>
 <?cs call:csrf_field() ?><input type="hidden" name="action" value="rename">
 <?cs call:field_input("name_en", L.loc.name_en, "text", "", "") ?>
 <?cs call:field_input("name_hi", L.loc.name_hi, "text", "", "") ?>
 <?cs call:field_input("code", L.loc.code, "text", L.loc.code_hint, "") ?>
 <button class="button" type="submit"><?cs var:L.form.save ?></button>
</form>
<?cs if:subcount(ChildTypes) ?>
<h2><?cs var:L.loc.add_child ?></h2>
<?cs if:Form.err.child ?><p class="error-message"><?cs var:Form.err.child ?></p><?cs /if ?>
<form method="post" action="/admin/locations/<?cs var:Loc.0.id ?>/children" novalidate>
 <?cs call:csrf_field() ?>
 <div class="field"><label for="f-type"><?cs var:L.loc.type_h ?></label>
 <select id="f-type" name="type"><?cs each:t = ChildTypes ?><option value="<?cs var:t ?>"><?cs var:L.loc.type[t] ?></option><?cs /each ?></select></div>
 <div class="field"><label for="f-cname_en"><?cs var:L.loc.name_en ?></label><input id="f-cname_en" name="name_en" type="text"></div>
 <div class="field"><label for="f-cname_hi"><?cs var:L.loc.name_hi ?></label><input id="f-cname_hi" name="name_hi" type="text"></div>
 <div class="field"><label for="f-ccode"><?cs var:L.loc.code ?></label><input id="f-ccode" name="code" type="text"></div>
 <button class="button" type="submit"><?cs var:L.loc.add_button ?></button>
</form>
<?cs /if ?>
<h2><?cs var:L.loc.status ?></h2>
<form method="post" action="/admin/locations/<?cs var:Loc.0.id ?>">
 <?cs call:csrf_field() ?>
 <?cs if:Loc.0.active == "1" ?><input type="hidden" name="action" value="deactivate"><p><?cs var:L.loc.deactivate_text ?></p><button class="button warning" type="submit"><?cs var:L.loc.deactivate ?></button>
 <?cs else ?><input type="hidden" name="action" value="activate"><button class="button" type="submit"><?cs var:L.loc.activate ?></button><?cs /if ?>
</form>
<?cs include:"inc/foot.cs" ?>
