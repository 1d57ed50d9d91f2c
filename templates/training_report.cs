<?cs set:Page.title = L.training.rep.title ?><?cs include:"inc/head.cs" ?>
<h1><?cs var:L.training.rep.title ?><?cs if:Rep.place_name ?> — <?cs var:Rep.place_name ?><?cs /if ?></h1>
<form method="get" action="/training/report" class="filters"><input type="hidden" name="location" value="<?cs var:Rep.location ?>">
 <label for="f-from"><?cs var:L.training.rep.from ?></label> <input id="f-from" name="from" type="month" value="<?cs var:Rep.from ?>">
 <label for="f-to"><?cs var:L.training.rep.to ?></label> <input id="f-to" name="to" type="month" value="<?cs var:Rep.to ?>">
 <button class="button secondary"><?cs var:L.training.rep.show ?></button></form>
<p class="hint"><?cs var:L.training.rep.hint ?></p>
<?cs def:rep_table(by, rows) ?>
<h2 id="by-<?cs var:by ?>"><?cs var:L.training.rep.by[by] ?></h2>
<p><a href="/training/report/csv?by=<?cs var:url_escape(by) ?>&amp;location=<?cs var:url_escape(Rep.location) ?>&amp;from=<?cs var:url_escape(Rep.from) ?>&amp;to=<?cs var:url_escape(Rep.to) ?>"><?cs var:L.training.rep.csv ?></a></p>
<div class="table-wrap" role="region" tabindex="0" aria-label="<?cs var:L.training.rep.by[by] ?>"><table id="rep-<?cs var:by ?>"><thead><tr><th><?cs var:L.training.rep.col[by] ?></th><th class="num"><?cs var:L.training.rep.trainings ?></th><th class="num"><?cs var:L.training.rep.invited ?></th><th class="num"><?cs var:L.training.rep.present ?></th><th class="num"><?cs var:L.training.rep.hours ?></th><th class="num"><?cs var:L.training.rep.pct ?></th><th class="num"><?cs var:L.training.rep.feedback ?></th><th class="num"><?cs var:L.training.rep.rating ?></th></tr></thead><tbody>
<?cs each:x = rows ?><tr><td><?cs if:by == "place" ?><?cs if:x.key ?><a href="/training/report?location=<?cs var:url_escape(x.key) ?>&amp;from=<?cs var:url_escape(Rep.from) ?>&amp;to=<?cs var:url_escape(Rep.to) ?>"><?cs var:x.label ?></a><?cs else ?><?cs var:L.training.rep.here ?><?cs /if ?><?cs elif:by == "type" ?><?cs var:L.training.types[x.key] ?><?cs else ?><?cs var:x.label ?><?cs /if ?></td><td class="num"><?cs var:x.trainings ?></td><td class="num"><?cs var:x.invited ?></td><td class="num"><?cs var:x.present ?></td><td class="num"><?cs var:x.hours ?></td><td class="num"><?cs if:x.pct ?><?cs var:x.pct ?>%<?cs else ?>—<?cs /if ?></td><td class="num"><?cs var:x.feedback ?></td><td class="num"><?cs if:x.rating ?><?cs var:x.rating ?><?cs else ?>—<?cs /if ?></td></tr><?cs /each ?>
<?cs if:!subcount(rows) ?><tr><td colspan="8"><?cs var:L.training.rep.none ?></td></tr><?cs /if ?>
</tbody></table></div>
<?cs /def ?>
<?cs call:rep_table("place", Rep.place) ?>
<?cs call:rep_table("type", Rep.type) ?>
<?cs call:rep_table("trainer", Rep.trainer) ?>
<?cs call:rep_table("topic", Rep.topic) ?>
<h2 id="learn"><?cs var:L.learn.report ?></h2>
<p><a href="/training/report/csv?by=elearning&amp;location=<?cs var:url_escape(Rep.location) ?>"><?cs var:L.training.rep.csv ?></a></p>
<?cs include:"inc/learn_report.cs" ?>
<?cs include:"inc/foot.cs" ?>
