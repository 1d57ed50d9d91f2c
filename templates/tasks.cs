<?cs set:Page.title = L.survey.tasks_title ?><?cs include:"inc/head.cs" ?>
<h1><?cs var:L.survey.tasks_title ?></h1>
<?cs if:Done ?><div class="notice" role="status"><p><?cs var:L.survey.done[Done] ?></p></div><?cs /if ?>
<p><a href="/surveys"><?cs var:L.survey.surveys_title ?></a> · <a href="/amenities"><?cs var:L.amenity.title ?></a></p>
<form method="get" action="/tasks" class="inline-form">
 <label for="f-status"><?cs var:L.survey.status ?></label>
 <select id="f-status" name="status"><option value=""><?cs var:L.survey.all ?></option>
 <?cs each:s = L.survey.state ?><option value="<?cs name:s ?>"<?cs if:Status == name(s) ?> selected<?cs /if ?>><?cs var:s ?></option><?cs /each ?></select>
 <button class="button secondary"><?cs var:L.wallet.show ?></button>
</form>
<?cs if:Tasks.0.id ?>
<div class="table-wrap" role="region" tabindex="0" aria-label="<?cs var:L.survey.tasks_title ?>"><table id="tasks"><thead><tr><th><?cs var:L.survey.task ?></th><th><?cs var:L.survey.survey ?></th><th><?cs var:L.survey.place ?></th><?cs if:Officer ?><th><?cs var:L.survey.vle ?></th><?cs /if ?><th><?cs var:L.survey.status ?></th><th><?cs var:L.survey.due ?></th></tr></thead><tbody>
<?cs each:t = Tasks ?><tr><td><a href="/tasks/<?cs var:t.id ?>">#<?cs var:t.id ?><?cs if:t.target_kind == "amenity" ?> <?cs var:t.target ?><?cs /if ?></a></td><td><?cs if:Lang == "hi" ?><?cs var:t.title_hi ?><?cs else ?><?cs var:t.title_en ?><?cs /if ?></td><td><?cs if:Lang == "hi" ?><?cs var:t.gp_hi ?><?cs else ?><?cs var:t.gp_en ?><?cs /if ?></td><?cs if:Officer ?><td><?cs var:t.assignee_name ?></td><?cs /if ?><td><?cs var:L.survey.state[t.status] ?><?cs if:t.flags ?> <strong class="tag warn"><?cs var:L.survey.flagged ?></strong><?cs /if ?></td><td><?cs var:t.due ?></td></tr><?cs /each ?>
</tbody></table></div>
<?cs else ?><p><?cs var:L.survey.no_tasks ?></p><?cs /if ?>
<?cs include:"inc/foot.cs" ?>
