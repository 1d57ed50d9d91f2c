<?cs set:Page.title = L.register.admin_title ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?>
<h1><?cs var:L.register.admin_title ?></h1>
<p><?cs var:L.register.admin_intro ?></p>
<p><a class="button" href="/admin/registers/new"><?cs var:L.register.design.new_title ?></a></p>
<?cs if:ImportRefused && Problems.0 ?><div class="error-summary" role="alert"><h2><?cs var:L.register.import_refused ?></h2><ul><?cs each:p = Problems ?><li><?cs var:p ?></li><?cs /each ?></ul></div><?cs /if ?>
<form method="post" action="/admin/registers/import" enctype="multipart/form-data" class="panel">
 <?cs call:csrf_field() ?>
 <div class="field<?cs if:Form.err.file ?> has-error<?cs /if ?>"><label for="f-file"><?cs var:L.register.import_file ?></label>
 <?cs if:Form.err.file ?><p class="error-message" id="e-file"><?cs var:Form.err.file ?></p><?cs /if ?>
 <input id="f-file" name="file" type="file" accept="application/json,.json"></div>
 <div class="field checks"><label><input type="checkbox" name="publish" value="1"> <?cs var:L.register.publish_now ?></label></div>
 <button class="button"><?cs var:L.register.import ?></button>
</form>
<div class="table-wrap"><table id="versions"><thead><tr><th><?cs var:L.register.code ?></th><th><?cs var:L.register.register ?></th><th><?cs var:L.register.version ?></th><th><?cs var:L.register.state ?></th><th><?cs var:L.register.published_at ?></th><th></th></tr></thead><tbody>
<?cs each:v = Versions ?><tr><td><code><?cs var:v.code ?></code></td><td><?cs var:v.name ?></td><td><?cs var:v.version ?></td><td><?cs var:L.register.version_states[v.status] ?></td><td><?cs var:v.published_at ?></td>
 <td><?cs if:v.code != prev ?><a href="/admin/registers/<?cs var:url_escape(v.code) ?>/design"><?cs var:L.register.design.open ?></a> · <?cs /if ?><?cs set:prev = v.code ?><a href="/admin/registers/<?cs var:url_escape(v.code) ?>/preview?version=<?cs var:v.version ?>"><?cs var:L.register.preview ?></a> · <a href="/admin/registers/<?cs var:url_escape(v.code) ?>/export?version=<?cs var:v.version ?>"><?cs var:L.register.export ?></a>
 <?cs if:v.status == "draft" ?><form method="post" action="/admin/registers/<?cs var:url_escape(v.code) ?>/publish" class="inline"><?cs call:csrf_field() ?><button class="link"><?cs var:L.register.publish ?></button></form><?cs /if ?></td></tr><?cs /each ?>
</tbody></table></div>
<?cs include:"inc/foot.cs" ?>
