<?cs set:Page.title = V.status_text ?><?cs include:"inc/head.cs" ?>
<?cs # The outcome in a panel with the certificate number, then what to do
     next, then what the record says.  Typing slips never get here: the
     form shows them (page_verify). ?>
<div class="panel panel-<?cs if:V.status == "VALID" ?>ok<?cs elif:V.status == "EXPIRED" || V.status == "SUPERSEDED" ?>warn<?cs else ?>bad<?cs /if ?>">
 <h1 class="panel-title"><?cs var:V.status_text ?></h1>
 <?cs if:V.status != "BAD_REQUEST" ?><div class="panel-body"><?cs var:L.verify.number ?><br><strong><?cs var:V.number ?></strong></div><?cs /if ?>
</div>
<h2><?cs var:L.verify.next_h ?></h2>
<p><?cs if:V.status == "VALID" && V.facts_ok ?><?cs var:L.verify.next.VALID_QR ?><?cs else ?><?cs var:L.verify.next[V.status] ?><?cs /if ?></p>
<?cs if:V.status == "NOT_FOUND" || V.status == "SIGNATURE_MISMATCH" ?><p><?cs var:L.verify.helpline ?>: <a href="tel:<?cs var:Site.helpline_tel ?>"><?cs var:Site.helpline ?></a></p><?cs /if ?>
<?cs if:V.facts_ok ?>
<h2><?cs var:V.service ?></h2>
<dl class="summary"><?cs each:f = V.facts ?><dt><?cs var:f.label ?></dt><dd><?cs var:f.value ?></dd><?cs /each ?><dt><?cs var:L.verify.issuer ?></dt><dd><?cs var:V.issuer ?></dd></dl>
<?cs /if ?>
<?cs if:V.issued || V.valid_until || V.status == "REVOKED" || V.superseded_by ?>
<dl class="summary">
 <?cs if:V.issued ?><dt><?cs var:L.verify.issued ?></dt><dd><?cs var:V.issued ?></dd><?cs /if ?>
 <?cs if:V.valid_until ?><dt><?cs var:L.verify.valid_until ?></dt><dd><?cs var:V.valid_until ?></dd><?cs /if ?>
 <?cs if:V.status == "REVOKED" ?><dt><?cs var:L.verify.revoked_on ?></dt><dd><?cs var:V.revoked_at ?></dd><dt><?cs var:L.verify.reason ?></dt><dd><?cs var:V.revoke_reason ?></dd><?cs /if ?>
 <?cs if:V.superseded_by ?><dt><?cs var:L.verify.replaced_by ?></dt><dd><a href="/verify?number=<?cs var:url_escape(V.superseded_by) ?>"><?cs var:V.superseded_by ?></a></dd><?cs /if ?>
</dl>
<?cs /if ?>
<?cs if:V.status == "REVOKED" ?><p class="small"><?cs var:L.verify.revoked_text ?></p><?cs /if ?>
<p><a class="button secondary" href="/verify"><?cs var:L.verify.another ?></a></p>
<?cs include:"inc/foot.cs" ?>
