<?cs set:Page.title = L.register.design.header ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?>
<?cs # a choice of one: opts maps each code to its words ?>
<?cs def:rd_select(name, label, opts, none) ?>
<div class="field<?cs if:Form.err[name] ?> has-error<?cs /if ?>"><label for="f-<?cs var:name ?>"><?cs var:label ?></label>
 <?cs if:Form.err[name] ?><p class="error-message" id="e-<?cs var:name ?>"><?cs var:Form.err[name] ?></p><?cs /if ?>
 <select id="f-<?cs var:name ?>" name="<?cs var:name ?>"><?cs if:none ?><option value=""><?cs var:none ?></option><?cs /if ?><?cs each:o = opts ?><option value="<?cs name:o ?>"<?cs if:name(o) == Form.val[name] ?> selected<?cs /if ?>><?cs var:o ?></option><?cs /each ?></select></div>
<?cs /def ?>
<?cs def:rd_role(name, label, none) ?>
<div class="field<?cs if:Form.err[name] ?> has-error<?cs /if ?>"><label for="f-<?cs var:name ?>"><?cs var:label ?></label>
 <?cs if:Form.err[name] ?><p class="error-message" id="e-<?cs var:name ?>"><?cs var:Form.err[name] ?></p><?cs /if ?>
 <select id="f-<?cs var:name ?>" name="<?cs var:name ?>"><?cs if:none ?><option value=""><?cs var:none ?></option><?cs /if ?><?cs each:o = Roles ?><option value="<?cs var:o ?>"<?cs if:o == Form.val[name] ?> selected<?cs /if ?>><?cs var:L.role[o] ?></option><?cs /each ?></select></div>
<?cs /def ?>
<?cs def:rd_flag(name, label) ?>
<div class="field checks<?cs if:Form.err[name] ?> has-error<?cs /if ?>"><?cs if:Form.err[name] ?><p class="error-message" id="e-<?cs var:name ?>"><?cs var:Form.err[name] ?></p><?cs /if ?><label><input type="checkbox" id="f-<?cs var:name ?>" name="<?cs var:name ?>" value="1"<?cs if:Form.val[name] ?> checked<?cs /if ?>> <?cs var:label ?></label></div>
<?cs /def ?>
<?cs # ticked boxes: the columns (figures only when figures) ?>
<?cs def:rd_cols(name, label, hint, figures) ?>
<fieldset class="field checks<?cs if:Form.err[name] ?> has-error<?cs /if ?>" id="f-<?cs var:name ?>"><legend><?cs var:label ?></legend><?cs if:hint ?><p class="hint"><?cs var:hint ?></p><?cs /if ?>
 <?cs if:Form.err[name] ?><p class="error-message" id="e-<?cs var:name ?>"><?cs var:Form.err[name] ?></p><?cs /if ?>
 <?cs each:c = Cols ?><?cs if:!figures || c.type == "number" || c.type == "money" || c.type == "computed" ?><label><input type="checkbox" name="<?cs var:name ?>" value="<?cs var:c.name ?>"<?cs if:H[name][c.name] ?> checked<?cs /if ?>> <?cs var:c.label ?></label><?cs /if ?><?cs /each ?>
</fieldset>
<?cs /def ?>
<p class="small"><a class="back" href="/admin/registers/<?cs var:url_escape(D.code) ?>/design"><?cs var:D.name ?></a></p>
<h1><?cs var:L.register.design.header ?> <code><?cs var:D.code ?></code></h1>
<form method="post" action="/admin/registers/<?cs var:url_escape(D.code) ?>/header" novalidate><?cs call:csrf_field() ?>
 <?cs call:field_input("name_en", L.svc.label_en, "text", "", "") ?>
 <?cs call:field_input("name_hi", L.svc.label_hi, "text", "", "") ?>
 <?cs call:field_input("basis_en", L.register.design.basis_en, "text", L.hr.optional, "") ?>
 <?cs call:field_input("basis_hi", L.register.design.basis_hi, "text", L.hr.optional, "") ?>
 <?cs call:rd_select("level", L.register.design.level, L.register.design.levels, "") ?>
 <?cs call:rd_select("periodicity", L.register.design.periodicity, L.register.design.periods, "") ?>
 <p class="hint"><?cs var:L.register.design.serial_rule ?></p>
 <div class="field<?cs if:Form.err.date_column ?> has-error<?cs /if ?>"><label for="f-date_column"><?cs var:L.register.design.date_column ?></label><p class="hint"><?cs var:L.register.design.date_column_hint ?></p>
 <?cs if:Form.err.date_column ?><p class="error-message" id="e-date_column"><?cs var:Form.err.date_column ?></p><?cs /if ?>
 <select id="f-date_column" name="date_column"><option value=""><?cs var:L.register.design.entry_day ?></option><?cs each:c = Cols ?><?cs if:c.type == "date" ?><option value="<?cs var:c.name ?>"<?cs if:c.name == Form.val.date_column ?> selected<?cs /if ?>><?cs var:c.label ?></option><?cs /if ?><?cs /each ?></select></div>
 <?cs call:rd_flag("daily_close", L.register.design.daily_close) ?>
 <?cs call:rd_cols("totals", L.register.design.totals, L.register.design.totals_hint, 1) ?>
 <?cs call:rd_flag("carry_forward", L.register.design.carry_forward) ?>
 <?cs call:rd_flag("never_negative", L.register.design.never_negative) ?>
 <fieldset class="field checks<?cs if:Form.err.enter ?> has-error<?cs /if ?>" id="f-enter"><legend><?cs var:L.register.design.enter ?></legend>
 <?cs if:Form.err.enter ?><p class="error-message" id="e-enter"><?cs var:Form.err.enter ?></p><?cs /if ?>
 <?cs each:o = Roles ?><label><input type="checkbox" name="enter" value="<?cs var:o ?>"<?cs if:H.enter[o] ?> checked<?cs /if ?>> <?cs var:L.role[o] ?></label><?cs /each ?></fieldset>
 <?cs call:rd_role("verify", L.register.design.verify, "") ?>
 <?cs call:rd_role("sign", L.register.design.sign, L.register.design.no_sign) ?>
 <?cs call:rd_flag("public", L.register.design.public) ?>
 <?cs call:rd_flag("confirmed", L.register.design.confirmed) ?>
 <?cs call:rd_select("paper", L.register.design.paper, L.register.design.papers, "") ?>
 <?cs call:rd_flag("landscape", L.register.design.landscape) ?>
 <?cs call:rd_cols("print", L.register.design.print, L.register.design.print_hint, 0) ?>
 <button class="button"><?cs var:L.form.save ?></button>
</form>
<?cs include:"inc/foot.cs" ?>
