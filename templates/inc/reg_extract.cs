<?cs # A certified-extract application on the desk (page_register.c
     page_register_extract_hdf): the entry as the certificate will print
     it, or why it cannot be certified. ?>
<?cs if:Extract.shown ?>
<section id="extract"><h2><?cs var:L.register.extract.title ?></h2>
<?cs if:Extract.why ?><p class="error-summary" role="alert"><?cs var:Extract.why ?></p>
<?cs else ?><p class="small"><?cs var:L.register.extract.note ?></p>
<dl class="summary"><?cs each:x = Extract.facts ?><dt><?cs var:x.label ?></dt><dd><?cs var:x.value ?></dd><?cs /each ?></dl><?cs /if ?>
</section>
<?cs /if ?>
