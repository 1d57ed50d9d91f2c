<!DOCTYPE html>
<html lang="<?cs var:Lang ?>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<?cs if:Page.refresh ?><meta http-equiv="refresh" content="<?cs var:Page.refresh ?>"><?cs /if ?>
<title><?cs if:Form.has_errors ?><?cs var:L.form.error_title ?> <?cs /if ?><?cs if:Page.title ?><?cs var:Page.title ?> – <?cs /if ?><?cs var:L.site ?></title>
<link rel="stylesheet" href="/static/gs.css">
<?cs if:Page.leaflet ?><link rel="stylesheet" href="/javascript/leaflet/leaflet.css"><link rel="stylesheet" href="/javascript/leaflet/MarkerCluster.css"><link rel="stylesheet" href="/javascript/leaflet/MarkerCluster.Default.css"><?cs /if ?>
<?cs if:Page.points_map ?><link rel="stylesheet" href="/javascript/leaflet/leaflet.css"><?cs /if ?>
</head>
<body>
<a class="skip" href="#main"><?cs var:L.skip ?></a>
<header class="top">
 <div class="wrap top-row">
  <a class="brand" href="/"><?cs var:L.site ?></a>
  <?cs if:Lang == "hi" ?><a class="lang" lang="en" href="/lang?lang=en&amp;next=<?cs var:url_escape(Path) ?>">English</a><?cs
  else ?><a class="lang" lang="hi" href="/lang?lang=hi&amp;next=<?cs var:url_escape(Path) ?>">हिन्दी</a><?cs /if ?>
 </div>
 <nav class="wrap nav" aria-label="<?cs var:L.nav.label ?>">
  <?cs if:User.id ?>
   <?cs if:User.r.citizen ?><a href="/my"><?cs var:L.nav.my ?></a><?cs /if ?>
   <?cs if:User.r.operator ?><a href="/csc"><?cs var:L.nav.csc ?></a><?cs /if ?>
   <?cs if:User.r.player ?><a href="/desk"><?cs var:L.nav.desk ?></a><?cs /if ?>
   <?cs if:User.r.dash ?><a href="/dash"><?cs var:L.nav.dash ?></a><?cs /if ?>
   <?cs if:User.role.csc || User.role.bi || User.role.di || User.role.bdo || User.role.sdo || User.role.dm || User.role.state_admin ?><a href="/attendance"><?cs var:L.nav.attendance ?></a><?cs /if ?>
   <?cs if:User.role.csc || User.role.panchayat_sewak || User.role.mukhiya || User.role.bi || User.role.di || User.role.bdo || User.role.sdo || User.role.dm || User.role.state_admin ?><a href="/registers"><?cs var:L.nav.registers ?></a><?cs /if ?>
   <?cs if:User.role.csc || User.role.bi || User.role.di || User.role.state_admin ?><a href="/tasks"><?cs var:L.nav.surveys ?></a><?cs /if ?>
   <?cs if:User.role.csc || User.role.bi || User.role.di || User.role.bdo || User.role.sdo || User.role.dm || User.role.pmu || User.role.state_admin ?><a href="/mpr"><?cs var:L.nav.mpr ?></a><?cs /if ?>
   <?cs if:User.r.player || User.role.csc || User.role.bi || User.role.di || User.role.sewak || User.role.master_trainer ?><a href="/training"><?cs var:L.nav.training ?></a><?cs /if ?>
   <?cs if:User.r.tickets ?><a href="/tickets"><?cs var:L.nav.tickets ?></a><?cs /if ?><?cs if:User.role.cc_agent ?><a href="/cc"><?cs var:L.nav.cc ?></a><?cs /if ?>
   <?cs if:User.r.admin ?><a href="/admin"><?cs var:L.nav.admin ?></a><?cs /if ?>
   <a href="/profile"><?cs if:User.name ?><?cs var:User.name ?><?cs else ?><?cs var:L.profile.title ?><?cs /if ?></a>
   <form class="inline" method="post" action="/logout"><input type="hidden" name="csrf" value="<?cs var:CSRF ?>"><button class="link"><?cs var:L.nav.logout ?></button></form>
  <?cs else ?>
   <a href="/services"><?cs var:L.nav.services ?></a>
   <a href="/track"><?cs var:L.nav.track ?></a>
   <a href="/verify"><?cs var:L.nav.verify ?></a>
   <a href="/login"><?cs var:L.nav.login ?></a>
  <?cs /if ?>
 </nav>
</header>
<main id="main" class="wrap">
<?cs if:Flash ?><div class="flash" role="status"><?cs var:Flash ?></div><?cs /if ?>
<?cs # the error summary: focused on arrival (autofocus; form.js for older
     browsers), problems in page order, each linking to its control ?>
<?cs if:Form.has_errors ?><div class="error-summary" role="alert" tabindex="-1" autofocus id="error-summary"><h2><?cs var:L.form.problem ?></h2><ul><?cs
 if:subcount(Form.errs) ?><?cs if:Form.err.general ?><li><?cs var:Form.err.general ?></li><?cs /if ?><?cs each:e = Form.errs ?><li><a href="#f-<?cs var:e.anchor ?><?cs if:!e.anchor ?><?cs var:e.field ?><?cs /if ?>"><?cs var:e.text ?></a></li><?cs /each ?><?cs
 else ?><?cs each:e = Form.err ?><li><a href="#f-<?cs name:e ?>"><?cs var:e ?></a></li><?cs /each ?><?cs /if ?></ul></div><?cs /if ?>
