<?cs if:Section ?><?cs set:Page.title = Page.section + " – " + D.name ?><?cs else ?><?cs set:Page.title = D.name ?><?cs /if ?><?cs include:"inc/head.cs" ?><?cs include:"inc/table.cs" ?><?cs include:"inc/form.cs" ?><?cs include:"inc/picker.cs" ?><?cs include:"inc/svcform.cs" ?><?cs include:"inc/field_editor.cs" ?>
<?cs def:tbox(name, label, value) ?><div class="field<?cs if:Form.err[name] ?> has-error<?cs /if ?>"><label for="f-<?cs var:name ?>"><?cs var:label ?></label><?cs if:Form.err[name] ?><p class="error-message"><?cs var:Form.err[name] ?></p><?cs /if ?><input id="f-<?cs var:name ?>" name="<?cs var:name ?>" type="text" value="<?cs var:value ?>"></div><?cs /def ?>
<?cs def:roles_sel(name, label, value, optional) ?><div class="field<?cs if:Form.err[name] ?> has-error<?cs /if ?>"><label for="f-<?cs var:name ?>"><?cs var:label ?></label><?cs if:Form.err[name] ?><p class="error-message"><?cs var:Form.err[name] ?></p><?cs /if ?><select id="f-<?cs var:name ?>" name="<?cs var:name ?>"><?cs if:optional ?><option value=""><?cs var:L.svc.none ?></option><?cs /if ?><?cs each:ro = PRoles ?><option value="<?cs var:ro.code ?>"<?cs if:ro.code == value ?> selected<?cs /if ?>><?cs var:ro.name ?></option><?cs /each ?></select></div><?cs /def ?>
<?cs if:Section ?>
<p class="small"><a class="back" href="/admin/services/<?cs var:D.code ?>"><?cs var:L.svc.back_tasks ?></a></p>
<h1><span class="caption"><?cs var:D.name ?> (<?cs var:D.code ?>, v<?cs var:D.version ?>)</span> <?cs var:Page.section ?></h1>
<?cs else ?>
<p class="small"><a href="/admin/services"><?cs var:L.admin.services ?></a></p>
<h1><?cs var:D.name ?> <span class="small">(<?cs var:D.code ?>, v<?cs var:D.version ?>)</span></h1>
<?cs /if ?>
<p><?cs if:D.status == "draft" ?><span class="tag amber"><?cs var:L.svc.draft ?></span> <?cs var:L.svc.draft_note ?><?cs else ?><span class="tag green"><?cs var:L.svc.published ?></span> <?cs var:L.svc.published_note ?><?cs /if ?>
<?cs if:D.svc_status == "retired" ?> <span class="tag grey"><?cs var:L.svc.retired ?></span><?cs /if ?></p>
<?cs if:!Section ?>
<?cs if:subcount(Problems) ?><div class="error-summary" role="alert" id="problems"><h2><?cs if:PublishRefused ?><?cs var:L.svc.publish_refused ?><?cs else ?><?cs var:L.svc.problems ?><?cs /if ?></h2><ul><?cs each:p = Problems ?><li><?cs var:p ?></li><?cs /each ?></ul></div>
<?cs elif:D.status == "draft" ?><div class="flash"><?cs var:L.svc.ready ?></div><?cs /if ?>
<p>
<?cs if:D.status == "draft" ?><form class="inline" method="post" action="/admin/services/<?cs var:D.code ?>/publish"><?cs call:csrf_field() ?><button class="button"><?cs var:L.svc.publish ?></button></form><?cs /if ?>
<a class="button secondary" href="/admin/services/<?cs var:D.code ?>/preview"><?cs var:L.svc.preview ?></a>
<a class="button secondary" href="/admin/services/<?cs var:D.code ?>/export"><?cs var:L.svc.export ?></a>
</p>
<h2><?cs var:L.svc.tasks_h ?></h2>
<ol class="task-list"><?cs each:t = Tasks ?>
 <li><span class="task-name"><a href="/admin/services/<?cs var:D.code ?>/<?cs var:t.sec ?>"<?cs if:t.state ?> aria-describedby="ts-<?cs var:t.sec ?>"<?cs /if ?>><?cs var:t.name ?></a><span class="hint"><?cs var:t.hint ?></span></span>
 <?cs if:t.state ?><strong id="ts-<?cs var:t.sec ?>" class="tag<?cs if:t.state == "todo" ?> amber<?cs elif:t.state == "optional" ?> grey<?cs else ?> green<?cs /if ?>"><?cs var:L.svc.task_state[t.state] ?></strong><?cs /if ?></li><?cs /each ?>
</ol>
<?cs if:D.svc_status == "active" ?><p><?cs var:L.svc.retire_text ?></p><p><a class="button warning" href="/admin/services/<?cs var:D.code ?>/retire"><?cs var:L.svc.retire ?></a></p><?cs /if ?>
<?cs elif:Section == "general" ?>
<form method="post" action="/admin/services/<?cs var:D.code ?>/general" novalidate><?cs call:csrf_field() ?>
 <?cs call:tbox("name_en", L.svc.name_en, G.name_en) ?><?cs call:tbox("name_hi", L.svc.name_hi, G.name_hi) ?>
 <div class="field"><label for="f-desc_en"><?cs var:L.svc.desc_en ?></label><textarea id="f-desc_en" name="desc_en"><?cs var:G.desc_en ?></textarea></div>
 <div class="field"><label for="f-desc_hi"><?cs var:L.svc.desc_hi ?></label><textarea id="f-desc_hi" name="desc_hi"><?cs var:G.desc_hi ?></textarea></div>
 <div class="field"><label for="f-elig_en"><?cs var:L.svc.elig_en ?></label><textarea id="f-elig_en" name="elig_en"><?cs var:G.elig_en ?></textarea></div>
 <div class="field"><label for="f-elig_hi"><?cs var:L.svc.elig_hi ?></label><textarea id="f-elig_hi" name="elig_hi"><?cs var:G.elig_hi ?></textarea></div>
 <fieldset class="field checks<?cs if:Form.err.channels ?> has-error<?cs /if ?>"><legend><?cs var:L.svc.channels ?></legend><?cs if:Form.err.channels ?><p class="error-message"><?cs var:Form.err.channels ?></p><?cs /if ?>
 <?cs each:c = L.svc.ch ?><label><input type="checkbox" name="channels" value="<?cs name:c ?>"<?cs if:G.ch[name(c)] ?> checked<?cs /if ?>> <?cs var:c ?></label><?cs /each ?></fieldset>
 <button class="button"><?cs var:L.form.save ?></button>
</form>
<?cs elif:Section == "fields" ?>
<?cs call:region(L.svc.s_fields) ?><table><thead><tr><th><?cs var:L.svc.field ?></th><th><?cs var:L.svc.type ?></th><th><?cs var:L.svc.print_pos ?></th><th></th></tr></thead><tbody>
<?cs each:f = D.fields ?><tr><td><a href="/admin/services/<?cs var:D.code ?>/fields/<?cs var:f.name ?>"><?cs var:f.label ?></a><br><code class="small"><?cs var:f.name ?></code><?cs if:f.required ?> <span class="tag"><?cs var:L.svc.required ?></span><?cs /if ?><?cs if:f.cond ?> <span class="small"><?cs var:L.svc.shown_when ?> <?cs var:f.cond ?></span><?cs /if ?></td><td><?cs var:f.type ?></td>
<td><form class="inline" method="post" action="/admin/services/<?cs var:D.code ?>/fields/<?cs var:f.name ?>"><?cs call:csrf_field() ?><input type="hidden" name="action" value="print"><label class="small" for="p-<?cs var:f.name ?>"><?cs var:L.svc.position ?></label> <input id="p-<?cs var:f.name ?>" name="position" type="text" inputmode="numeric" size="2" style="width:3em" value="<?cs var:f.print ?>"> <button class="link"><?cs var:L.form.save ?></button></form></td>
<td><form class="inline" method="post" action="/admin/services/<?cs var:D.code ?>/fields/<?cs var:f.name ?>"><?cs call:csrf_field() ?><button class="link" name="action" value="up">↑</button> <button class="link" name="action" value="down">↓</button> <button class="link" name="action" value="delete"><?cs var:L.svc.delete ?></button></form></td></tr><?cs /each ?>
<?cs if:!subcount(D.fields) ?><tr><td colspan="4" class="none-yet"><?cs var:L.none_yet ?></td></tr><?cs /if ?></tbody></table></div>
<h3><?cs var:L.svc.add_field ?></h3>
<form method="post" action="/admin/services/<?cs var:D.code ?>/fields" novalidate><?cs call:csrf_field() ?>
 <?cs call:field_add_inputs() ?>
 <?cs call:field_type_extras() ?>
 <button class="button"><?cs var:L.svc.add_field ?></button>
</form>
<h3><?cs var:L.svc.preview_h ?></h3>
<div class="preview card"><?cs each:f = Svc.fields ?><?cs call:svc_field(f) ?><?cs /each ?></div>
<?cs elif:Section == "documents" ?>
<?cs call:region(L.svc.s_docs) ?><table><tbody><?cs each:d = D.docs ?><tr><td><?cs var:d.label_en ?> / <span lang="hi"><?cs var:d.label_hi ?></span> <code class="small"><?cs var:d.code ?></code><?cs if:d.required ?> <span class="tag"><?cs var:L.svc.required ?></span><?cs /if ?> <span class="small"><?cs var:d.max_kb ?> KB</span></td>
<td><form class="inline" method="post" action="/admin/services/<?cs var:D.code ?>/documents"><?cs call:csrf_field() ?><input type="hidden" name="doc" value="<?cs var:d.code ?>"><button class="link" name="action" value="delete"><?cs var:L.svc.delete ?></button></form></td></tr><?cs /each ?><?cs if:!subcount(D.docs) ?><tr><td colspan="1" class="none-yet"><?cs var:L.none_yet ?></td></tr><?cs /if ?></tbody></table></div>
<form method="post" action="/admin/services/<?cs var:D.code ?>/documents" novalidate><?cs call:csrf_field() ?><input type="hidden" name="action" value="add">
 <?cs call:field_input("doc_code", L.svc.doc_code, "text", L.svc.field_name_hint, "") ?>
 <?cs call:field_input("doc_en", L.svc.label_en, "text", "", "") ?><?cs call:field_input("doc_hi", L.svc.label_hi, "text", "", "") ?>
 <fieldset class="field checks<?cs if:Form.err.doc_types ?> has-error<?cs /if ?>"><legend><?cs var:L.svc.doc_types ?></legend><?cs if:Form.err.doc_types ?><p class="error-message"><?cs var:Form.err.doc_types ?></p><?cs /if ?><label><input type="checkbox" name="doc_types" value="pdf" checked> PDF</label><label><input type="checkbox" name="doc_types" value="jpeg" checked> JPEG</label><label><input type="checkbox" name="doc_types" value="png" checked> PNG</label></fieldset>
 <?cs call:field_input("doc_max_kb", L.svc.doc_max_kb, "text", "", "") ?>
 <div class="field checks"><label><input type="checkbox" name="doc_required" value="1"> <?cs var:L.svc.required ?></label></div>
 <button class="button secondary"><?cs var:L.svc.add_doc ?></button>
</form>
<?cs elif:Section == "settings" ?>
<form method="post" action="/admin/services/<?cs var:D.code ?>/settings" novalidate><?cs call:csrf_field() ?>
 <h3><?cs var:L.svc.fees ?></h3>
 <?cs call:tbox("fee_gov", L.svc.fee_gov, P.fee_gov) ?><?cs call:tbox("fee_csc", L.svc.fee_csc_l, P.fee_csc) ?><?cs call:tbox("fee_tatkal", L.svc.fee_tatkal, P.fee_tatkal) ?>
 <div class="field checks"><label><input type="checkbox" name="free_jsk" value="1"<?cs if:P.free_jsk ?> checked<?cs /if ?>> <?cs var:L.svc.free_jsk ?></label></div>
 <h3><?cs var:L.svc.processing ?></h3>
 <div class="field<?cs if:Form.err.level ?> has-error<?cs /if ?>"><label for="f-level"><?cs var:L.svc.level_l ?></label><select id="f-level" name="level"><?cs each:lv = L.svc.level ?><option value="<?cs name:lv ?>"<?cs if:name(lv) == P.level ?> selected<?cs /if ?>><?cs var:lv ?></option><?cs /each ?></select></div>
 <?cs call:tbox("route_field", L.svc.route_field, P.route_field) ?>
 <?cs call:tbox("rtps_days", L.svc.rtps_days, P.rtps_days) ?>
 <div class="field checks"><label><input type="checkbox" name="tatkal" value="1"<?cs if:P.tatkal ?> checked<?cs /if ?>> <?cs var:L.svc.tatkal_allowed ?></label></div>
 <?cs call:tbox("tatkal_days", L.svc.tatkal_days, P.tatkal_days) ?>
 <fieldset class="field checks"><legend><?cs var:L.svc.weekly_off ?></legend><?cs each:d = L.svc.days ?><label><input type="checkbox" name="weekly_off" value="<?cs name:d ?>"<?cs if:P.off[name(d)] ?> checked<?cs /if ?>> <?cs var:d ?></label><?cs /each ?></fieldset>
 <?cs call:roles_sel("designated", L.svc.designated, P.designated, 0) ?><?cs call:roles_sel("appeal1", L.svc.appeal1, P.appeal1, 0) ?><?cs call:roles_sel("appeal2", L.svc.appeal2, P.appeal2, 1) ?>
 <h3><?cs var:L.svc.output ?></h3>
 <?cs call:tbox("title_en", L.svc.title_en, P.title_en) ?><?cs call:tbox("title_hi", L.svc.title_hi, P.title_hi) ?>
 <?cs call:tbox("validity", L.svc.validity, P.validity) ?>
 <?cs call:roles_sel("signing", L.svc.signing, P.signing, 0) ?>
 <button class="button"><?cs var:L.form.save ?></button>
</form>
<?cs elif:Section == "stages" ?>
<ol class="stages"><?cs each:st = D.stages ?><li><strong><?cs var:st.name ?></strong> — <?cs var:st.role ?>, <?cs var:st.sla ?> <?cs var:L.svc.working_days ?><br><span class="small"><?cs var:st.actions ?></span>
 <form class="inline" method="post" action="/admin/services/<?cs var:D.code ?>/stages"><?cs call:csrf_field() ?><input type="hidden" name="stage" value="<?cs var:st.code ?>"><button class="link" name="action" value="up">↑</button> <button class="link" name="action" value="down">↓</button> <button class="link" name="action" value="delete"><?cs var:L.svc.delete ?></button></form></li><?cs /each ?></ol>
<h3><?cs var:L.svc.add_stage ?></h3>
<form method="post" action="/admin/services/<?cs var:D.code ?>/stages" novalidate><?cs call:csrf_field() ?><input type="hidden" name="action" value="add">
 <?cs call:field_input("stage_code", L.svc.stage_code, "text", L.svc.field_name_hint, "") ?>
 <?cs call:field_input("stage_en", L.svc.stage_en, "text", "", "") ?><?cs call:field_input("stage_hi", L.svc.stage_hi, "text", "", "") ?>
 <?cs call:roles_sel("stage_role", L.svc.stage_role, Form.val.stage_role, 0) ?>
 <fieldset class="field checks<?cs if:Form.err.stage_actions ?> has-error<?cs /if ?>"><legend><?cs var:L.svc.stage_actions ?></legend><?cs if:Form.err.stage_actions ?><p class="error-message"><?cs var:Form.err.stage_actions ?></p><?cs /if ?><?cs each:a = Actions ?><label><input type="checkbox" name="stage_actions" value="<?cs var:a ?>"> <?cs var:L.wf.act[a] ?></label><?cs /each ?></fieldset>
 <div class="field checks"><label><input type="checkbox" name="stage_editable" value="1"> <?cs var:L.svc.stage_editable ?></label></div>
 <?cs call:field_input("stage_sla", L.svc.stage_sla, "text", "", "") ?>
 <button class="button secondary"><?cs var:L.svc.add_stage ?></button>
</form>
<?cs elif:Section == "notifications" ?>
<form method="post" action="/admin/services/<?cs var:D.code ?>/notifications" novalidate><?cs call:csrf_field() ?>
<p class="small"><?cs var:L.svc.notif_hint ?></p>
<?cs each:n = N ?><fieldset class="field"><legend><?cs var:L.svc.ev[n.event] ?></legend>
 <?cs call:tbox("n_" + n.event + "_en", L.svc.sms_en, n.en) ?><?cs call:tbox("n_" + n.event + "_hi", L.svc.sms_hi, n.hi) ?><?cs call:tbox("n_" + n.event + "_dlt", L.svc.dlt, n.dlt) ?>
 <div class="checks"><label><input type="checkbox" name="n_<?cs var:n.event ?>_email" value="1"<?cs if:n.email ?> checked<?cs /if ?>> <?cs var:L.svc.also_email ?></label></div></fieldset><?cs /each ?>
<button class="button"><?cs var:L.form.save ?></button>
</form>
<?cs elif:Section == "json" ?>
<p class="small"><?cs var:L.svc.json_hint ?></p>
<form method="post" action="/admin/services/<?cs var:D.code ?>/json"><?cs call:csrf_field() ?>
<div class="field<?cs if:Form.err.definition ?> has-error<?cs /if ?>"><label for="f-definition"><?cs var:L.svc.json_label ?></label>
<?cs if:Form.err.definition ?><p class="error-message" id="e-definition"><?cs var:Form.err.definition ?></p><?cs /if ?>
<textarea id="f-definition" name="definition" class="code" rows="20"<?cs if:Form.err.definition ?> aria-invalid="true" aria-describedby="e-definition"<?cs /if ?>><?cs var:Json ?></textarea></div>
<button class="button secondary"><?cs var:L.form.save ?></button></form>
<?cs elif:Section == "history" ?>
<?cs call:region(L.svc.s_history) ?><table><tbody><?cs each:h = History ?><tr><td>v<?cs var:h.version ?></td><td><?cs var:h.at ?></td><td><?cs var:h.user ?></td><td><?cs var:h.summary ?></td></tr><?cs /each ?><?cs if:!subcount(History) ?><tr><td colspan="1" class="none-yet"><?cs var:L.none_yet ?></td></tr><?cs /if ?></tbody></table></div>
<?cs elif:Section == "retire" ?>
<?cs if:D.svc_status == "active" ?>
<div class="warning-text"><h2><?cs var:L.svc.retire_h ?></h2><p><?cs var:L.svc.retire_what ?></p></div>
<form method="post" action="/admin/services/<?cs var:D.code ?>/retire"><?cs call:csrf_field() ?>
 <button class="button warning"><?cs var:L.svc.retire_yes ?></button> <a class="button secondary" href="/admin/services/<?cs var:D.code ?>"><?cs var:L.svc.retire_no ?></a>
</form>
<?cs else ?><p><span class="tag grey"><?cs var:L.svc.retired ?></span></p><?cs /if ?>
<?cs /if ?>
<?cs include:"inc/foot.cs" ?>
