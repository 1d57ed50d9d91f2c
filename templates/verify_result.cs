<?cs set:Page.title = V.status_text ?><?cs include:"inc/head.cs" ?>
<p class="status-big <?cs if:V.status == "VALID" ?>ok<?cs elif:V.status == "EXPIRED" || V.status == "SUPERSEDED" ?>warn<?cs else ?>bad<?cs /if ?>" role="status"><?cs var:V.status_text ?></p>
<dl class="summary">
 <dt><?cs var:L.verify.number ?></dt><dd><?cs var:V.number ?></dd>
 <?cs if:V.issued ?><dt><?cs var:L.verify.issued ?></dt><dd><?cs var:V.issued ?></dd><?cs /if ?>
 <?cs if:V.valid_until ?><dt><?cs var:L.verify.valid_until ?></dt><dd><?cs var:V.valid_until ?></dd><?cs /if ?>
 <?cs if:V.status == "REVOKED" ?><dt><?cs var:L.verify.revoked_on ?></dt><dd><?cs var:V.revoked_at ?></dd><dt><?cs var:L.verify.reason ?></dt><dd><?cs var:V.revoke_reason ?></dd><?cs /if ?>
 <?cs if:V.superseded_by ?><dt><?cs var:L.verify.replaced_by ?></dt><dd><a href="/verify?number=<?cs var:V.superseded_by ?>"><?cs var:V.superseded_by ?></a></dd><?cs /if ?>
</dl>
<?cs if:V.facts_ok ?>
<h2><?cs var:V.service ?></h2>
<dl class="summary"><?cs each:f = V.facts ?><dt><?cs var:f.label ?></dt><dd><?cs var:f.value ?></dd><?cs /each ?><dt><?cs var:L.verify.issuer ?></dt><dd><?cs var:V.issuer ?></dd></dl>
<?cs elif:V.status == "REVOKED" ?><p class="small"><?cs var:L.verify.revoked_text ?></p>
<?cs elif:V.status != "SIGNATURE_MISMATCH" && V.status != "NOT_FOUND" && V.status != "BAD_REQUEST" ?><p class="small"><?cs var:L.verify.status_only ?></p><?cs /if ?>
<?cs if:V.status == "SIGNATURE_MISMATCH" ?><p><?cs var:L.verify.mismatch_text ?></p><?cs /if ?>
<p><a href="/verify"><?cs var:L.verify.another ?></a></p>
<?cs include:"inc/foot.cs" ?>
