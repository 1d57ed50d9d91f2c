<?cs set:Page.title = L.admin.locations ?><?cs include:"inc/head.cs" ?><?cs include:"inc/table.cs" ?>
<h1><?cs var:L.admin.locations ?></h1>
<form method="get" action="/admin/locations" class="field">
 <label for="f-q"><?cs var:L.loc.search ?></label>
 <p class="hint"><?cs var:L.loc.search_hint ?></p>
 <input id="f-q" name="q" type="search" value="<?cs var:Q ?>">
 <button class="button secondary" type="submit"><?cs var:L.loc.search_button ?></button>
</form>
<?cs if:subcount(Crumbs) ?><p class="small"><a href="/admin/locations"><?cs var:L.loc.top ?></a><?cs each:c = Crumbs ?> › <a href="/admin/locations?parent=<?cs var:c.id ?>"><?cs var:c.name_en ?></a><?cs /each ?></p><?cs /if ?>
<?cs if:Parent.id ?><h2><?cs var:Parent.name_en ?><?cs if:Parent.name_hi ?> / <span lang="hi"><?cs var:Parent.name_hi ?></span><?cs /if ?></h2>
<p><a href="/admin/locations/<?cs var:Parent.id ?>"><?cs var:L.loc.details ?></a></p><?cs /if ?>
<?cs call:region(Page.title) ?><table>
<thead><tr><th><?cs var:L.loc.name ?></th><th><?cs var:L.loc.type_h ?></th><th><?cs var:L.loc.code ?></th><th><?cs var:L.loc.status ?></th></tr></thead>
<tbody>
<?cs each:row = Rows ?>
<tr><td><a href="/admin/locations?parent=<?cs var:row.id ?>"><?cs var:row.name_en ?></a><?cs if:row.name_hi ?> / <span lang="hi"><?cs var:row.name_hi ?></span><?cs /if ?>
 <?cs if:row.context ?><br><span class="small"><?cs var:row.context ?></span><?cs /if ?></td>
 <td><?cs var:L.loc.type[row.type] ?></td><td><?cs var:row.code ?></td>
 <td><?cs if:row.active == "1" ?><span class="tag green"><?cs var:L.loc.active ?></span><?cs else ?><span class="tag grey"><?cs var:L.loc.inactive ?></span><?cs /if ?>
 <a href="/admin/locations/<?cs var:row.id ?>"><?cs var:L.loc.details ?></a></td></tr>
<?cs /each ?>
</tbody></table></div>
<?cs if:!subcount(Rows) ?><p><?cs var:L.loc.none ?></p><?cs /if ?>
<?cs include:"inc/foot.cs" ?>
