<?cs set:Page.title = L.admin.users ?><?cs include:"inc/head.cs" ?><?cs include:"inc/table.cs" ?>
<h1><?cs var:L.admin.users ?></h1>
<p><a class="button" href="/admin/users/new"><?cs var:L.hr.new_title ?></a></p>
<form method="get" action="/admin/users" class="field">
 <label for="f-q"><?cs var:L.hr.search ?></label>
 <input id="f-q" name="q" type="search" value="<?cs var:Q ?>">
 <button class="button secondary" type="submit"><?cs var:L.loc.search_button ?></button>
</form>
<?cs call:region(Page.title) ?><table>
<thead><tr><th><?cs var:L.auth.username ?></th><th><?cs var:L.hr.name ?></th><th><?cs var:L.hr.roles ?></th><th><?cs var:L.loc.status ?></th></tr></thead>
<tbody><?cs each:u = Rows ?>
<tr><td><a href="/admin/users/<?cs var:u.id ?>"><?cs var:u.username ?></a></td><td><?cs var:u.name ?></td><td><?cs var:u.roles ?></td>
<td><?cs if:u.active == "1" ?><span class="tag green"><?cs var:L.loc.active ?></span><?cs else ?><span class="tag grey"><?cs var:L.loc.inactive ?></span><?cs /if ?></td></tr>
<?cs /each ?><?cs if:!subcount(Rows) ?><tr><td colspan="4" class="none-yet"><?cs var:L.none_yet ?></td></tr><?cs /if ?></tbody></table></div>
<?cs include:"inc/foot.cs" ?>
