<?cs set:Page.title = Att.title ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?>
<h1><?cs var:Att.title ?></h1>
<?cs if:Att.state == "finished" || Att.state == "abandoned" ?>
<section class="panel" id="result">
 <h2><?cs var:L.exam.result ?></h2>
 <p><?cs var:L.exam.score ?>: <strong><?cs var:Att.score ?> / <?cs var:Att.max_score ?> (<?cs var:Att.pct ?>%)</strong>; <?cs var:L.exam.pass_mark ?> <?cs var:Att.pass_pct ?>%.</p>
 <p id="verdict"><?cs if:Att.passed ?><?cs var:L.exam.passed ?><?cs else ?><?cs var:L.exam.not_passed ?><?cs /if ?></p>
 <?cs if:Att.certificate ?><p><a class="button" href="/certificates/<?cs var:Att.certificate ?>/pdf"><?cs var:L.exam.certificate ?> <?cs var:Att.certificate ?></a></p><?cs /if ?>
 <?cs if:Att.refresher ?><p><?cs var:L.exam.refresher ?></p><?cs /if ?>
 <?cs if:subcount(Review) ?><h2><?cs var:L.exam.review_title ?></h2>
 <div class="table-wrap" role="region" tabindex="0" aria-label="<?cs var:L.exam.review_title ?>"><table id="review"><thead><tr><th><?cs var:L.exam.question ?></th><th><?cs var:L.exam.your_answer ?></th><th><?cs var:L.exam.right_answer ?></th><th><?cs var:L.exam.marks ?></th></tr></thead><tbody>
 <?cs each:v = Review ?><tr><td><?cs var:v.n ?>. <?cs var:v.body ?></td><td><?cs if:string.length(v.yours) ?><?cs var:v.yours ?><?cs else ?><?cs var:L.exam.unanswered ?><?cs /if ?></td><td><?cs var:v.right ?></td><td><?cs var:v.mark ?> / <?cs var:v.marks ?></td></tr><?cs /each ?>
 </tbody></table></div><?cs /if ?>
 <p><a href="/exams"><?cs var:L.exam.back ?></a></p>
</section>
<?cs else ?>
<p class="hint" id="deadline" data-secs-left="<?cs var:Att.secs_left ?>"><?cs var:L.exam.deadline ?> <?cs var:Att.deadline ?>. <span id="countdown"></span></p>
<?cs if:Summary ?>
<?cs if:Att.time_up ?><div class="error-summary" role="alert"><p><?cs var:L.exam.time_up ?></p></div><?cs /if ?>
<h2><?cs var:L.exam.summary ?></h2>
<div class="table-wrap" role="region" tabindex="0" aria-label="<?cs var:L.exam.summary ?>"><table id="slots"><thead><tr><th><?cs var:L.exam.question ?></th><th><?cs var:L.exam.status ?></th></tr></thead><tbody>
<?cs each:s = Slots ?><tr><td><?cs if:!Att.time_up && !Att.seq ?><a href="?q=<?cs var:s.slot ?>"><?cs var:s.n ?></a><?cs else ?><?cs var:s.n ?><?cs /if ?></td><td><?cs if:s.answered ?><?cs var:L.exam.answered ?><?cs else ?><?cs var:L.exam.unanswered ?><?cs /if ?></td></tr><?cs /each ?>
</tbody></table></div>
<form method="post" action="/exams/<?cs var:Att.code ?>/attempt/<?cs var:Att.no ?>/submit"><?cs call:csrf_field() ?>
 <p><?cs var:L.exam.submit_warning ?></p><button class="button"><?cs var:L.exam.submit ?></button></form>
<?cs else ?>
<form method="post" action="/exams/<?cs var:Att.code ?>/attempt/<?cs var:Att.no ?>"><?cs call:csrf_field() ?>
 <input type="hidden" name="slot" value="<?cs var:Q.slot ?>">
 <div class="field<?cs if:Form.err.response ?> has-error<?cs /if ?>">
 <fieldset><legend><h2><?cs var:L.exam.question ?> <?cs var:Q.n ?> / <?cs var:Att.slots ?></h2><p id="body"><?cs var:Q.body ?></p></legend>
 <?cs if:Form.err.response ?><p class="error-message" id="e-response"><?cs var:Form.err.response ?></p><?cs /if ?>
 <?cs if:Q.type == "single" || Q.type == "multi" ?>
  <?cs if:Q.type == "multi" ?><p class="hint"><?cs var:L.exam.choose_all ?></p><?cs /if ?>
  <?cs each:o = Q.opts ?><div class="choice"><input id="f-response-<?cs var:o.idx ?>" type="<?cs if:Q.type == "multi" ?>checkbox<?cs else ?>radio<?cs /if ?>" name="answer" value="<?cs var:o.idx ?>"<?cs if:o.checked ?> checked<?cs /if ?>> <label for="f-response-<?cs var:o.idx ?>"><?cs var:o.label ?></label></div><?cs /each ?>
 <?cs elif:Q.type == "tf" ?>
  <div class="choice"><input id="f-response-true" type="radio" name="answer" value="true"<?cs if:Q.value == "true" ?> checked<?cs /if ?>> <label for="f-response-true"><?cs var:L.exam.true ?></label></div>
  <div class="choice"><input id="f-response-false" type="radio" name="answer" value="false"<?cs if:Q.value == "false" ?> checked<?cs /if ?>> <label for="f-response-false"><?cs var:L.exam.false ?></label></div>
 <?cs else ?>
  <label for="f-response"><?cs var:L.exam.number ?></label><input id="f-response" name="answer" type="text" inputmode="decimal" value="<?cs var:Q.value ?>" maxlength="32">
 <?cs /if ?>
 </fieldset></div>
 <?cs if:Q.prev >= 0 ?><button class="button secondary" name="go" value="prev"><?cs var:L.exam.prev ?></button><?cs /if ?>
 <?cs if:Q.next >= 0 ?><button class="button" name="go" value="next"><?cs var:L.exam.next ?></button><?cs /if ?>
 <button class="button<?cs if:Q.next >= 0 ?> secondary<?cs /if ?>" name="go" value="review"><?cs var:L.exam.to_summary ?></button>
</form>
<?cs /if ?>
<?cs /if ?>
<?cs include:"inc/foot.cs" ?>
