<?cs # What helps with the chosen kind of problem: the SOPs and guides tagged with its code, and how such tickets were resolved lately (ticket_help.c) ?>
<?cs if:subcount(Help.items) > 0 || subcount(Help.codes) > 0 ?><aside class="notice ticket-help">
 <h2><?cs var:L.ticket.help.title ?></h2>
 <?cs if:subcount(Help.items) > 0 ?><p><?cs var:L.ticket.help.items ?></p><ul><?cs each:i = Help.items ?><li><a href="/learn/<?cs var:i.id ?>"><?cs var:i.title ?></a> (<?cs var:L.ticket.help.kind[i.kind] ?>)</li><?cs /each ?></ul><?cs /if ?>
 <?cs if:subcount(Help.codes) > 0 ?><p><?cs var:L.ticket.help.codes ?></p><ul><?cs each:c = Help.codes ?><li><?cs var:c.name ?> (<?cs var:c.n ?>)</li><?cs /each ?></ul><?cs /if ?>
</aside><?cs /if ?>
