<?cs # Table helpers.  none_yet(): what an empty table says instead of an
     empty grid.  status_tag(st): an application's status in words, as a
     coloured tag (the same colours wherever it is shown).  region(label):
     the opening of a scroll box round a wide table, a labelled region
     keyboard users can reach (close it with </div>).  Tables of class
     "stack" become one card per row below 640 px: each cell names its
     column with data-label. ?>
<?cs def:none_yet() ?><p class="none-yet"><?cs var:L.none_yet ?></p><?cs /def ?>
<?cs def:status_tag(st) ?><span class="tag<?cs if:st == "approved" ?> green<?cs elif:st == "rejected" || st == "revoked" ?> red<?cs elif:st == "returned" || st == "unpaid" ?> amber<?cs elif:st == "draft" ?> grey<?cs /if ?>"><?cs var:L.app.st[st] ?></span><?cs /def ?>
<?cs def:region(label) ?><div class="table-wrap" role="region" tabindex="0" aria-label="<?cs var:label ?>"><?cs /def ?>
