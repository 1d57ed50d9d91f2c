<?cs set:Page.title = L.amenity.title ?><?cs include:"inc/head.cs" ?><?cs include:"inc/form.cs" ?>
<h1><?cs var:L.amenity.title ?></h1>
<form method="get" action="/amenities" class="inline-form">
 <label for="f-type"><?cs var:L.amenity.type ?></label>
 <select id="f-type" name="type"><option value=""><?cs var:L.survey.all ?></option><?cs each:t = Types ?><option value="<?cs var:t.code ?>"<?cs if:t.code == Type ?> selected<?cs /if ?>><?cs var:t.name ?></option><?cs /each ?></select>
 <?cs if:Location ?><input type="hidden" name="location" value="<?cs var:Location ?>"><?cs /if ?>
 <button class="button secondary"><?cs var:L.wallet.show ?></button>
</form>
<div id="live-map" class="live-map" hidden data-src="/amenities/map.json?type=<?cs var:url_escape(Type) ?>&amp;location=<?cs var:url_escape(Location) ?>"></div>
<?cs if:Amenities.0.id ?>
<div class="chart map-svg" id="svg-map"><?cs uvar:Map ?></div>
<div class="table-wrap" role="region" tabindex="0" aria-label="<?cs var:L.amenity.title ?>"><table id="amenities"><thead><tr><th><?cs var:L.amenity.name ?></th><th><?cs var:L.amenity.type ?></th><th><?cs var:L.survey.place ?></th><th><?cs var:L.survey.point ?></th><th><?cs var:L.amenity.surveyed ?></th></tr></thead><tbody>
<?cs each:m = Amenities ?><tr><td><a href="/amenities/<?cs var:m.id ?>"><?cs var:m.name ?></a></td><td><span class="dot" style="background:<?cs var:m.colour ?>"></span> <?cs if:Lang == "hi" ?><?cs var:m.type_hi ?><?cs else ?><?cs var:m.type_en ?><?cs /if ?></td><td><?cs if:Lang == "hi" ?><?cs var:m.gp_hi ?><?cs else ?><?cs var:m.gp_en ?><?cs /if ?></td><td><?cs var:m.lat ?>, <?cs var:m.lon ?></td><td><?cs var:m.surveyed ?></td></tr><?cs /each ?>
</tbody></table></div>
<?cs else ?><p><?cs var:L.amenity.none ?></p><?cs /if ?>
<h2 id="add"><?cs var:L.amenity.add ?></h2>
<form method="post" action="/amenities" enctype="multipart/form-data" novalidate class="panel"><?cs call:csrf_field() ?>
 <?cs call:field_select("type", L.amenity.type, Types, "") ?>
 <div class="field<?cs if:Form.err.location ?> has-error<?cs /if ?>"><label for="f-location"><?cs var:L.survey.place ?></label>
 <?cs if:Form.err.location ?><p class="error-message" id="e-location"><?cs var:Form.err.location ?></p><?cs /if ?>
 <select id="f-location" name="location"><option value=""><?cs var:L.loc.choose ?></option><?cs each:p = Places ?><option value="<?cs var:p.id ?>"<?cs if:p.id == Form.val.location ?> selected<?cs /if ?>><?cs if:p.type == "village" ?>— <?cs /if ?><?cs var:p.name ?></option><?cs /each ?></select></div>
 <?cs call:field_input("f_name", L.amenity.name, "text", "", "") ?>
 <fieldset class="field geopoint<?cs if:Form.err.f_point ?> has-error<?cs /if ?>" id="f-f_point" data-geopoint="f_point">
  <legend><?cs var:L.survey.point ?></legend>
  <?cs if:Form.err.f_point ?><p class="error-message" id="e-f_point"><?cs var:Form.err.f_point ?></p><?cs /if ?>
  <p class="js-only" hidden><button type="button" class="button secondary" data-geo-use="f_point"><?cs var:L.form.geo_use ?></button></p>
  <label for="f-f_point__lat"><?cs var:L.form.geo_lat ?></label><input id="f-f_point__lat" name="f_point__lat" value="<?cs var:Form.val.f_point__lat ?>" type="text" inputmode="decimal" maxlength="14">
  <label for="f-f_point__lon"><?cs var:L.form.geo_lon ?></label><input id="f-f_point__lon" name="f_point__lon" value="<?cs var:Form.val.f_point__lon ?>" type="text" inputmode="decimal" maxlength="14">
  <label for="f-f_point__accuracy_m"><?cs var:L.form.geo_accuracy ?></label><input id="f-f_point__accuracy_m" name="f_point__accuracy_m" value="<?cs var:Form.val.f_point__accuracy_m ?>" type="text" inputmode="numeric" maxlength="6">
  <input type="hidden" id="f-f_point__fix_at" name="f_point__fix_at" value=""><input type="hidden" id="f-f_point__source" name="f_point__source" value="manual">
 </fieldset>
 <div class="field<?cs if:Form.err.f_photo ?> has-error<?cs /if ?>"><label for="f-f_photo"><?cs var:L.amenity.photo ?></label>
 <?cs if:Form.err.f_photo ?><p class="error-message" id="e-f_photo"><?cs var:Form.err.f_photo ?></p><?cs /if ?>
 <input id="f-f_photo" name="f_photo" type="file" accept="image/jpeg,image/png" capture="environment"></div>
 <button class="button"><?cs var:L.amenity.add ?></button>
</form>
<?cs include:"inc/foot.cs" ?>
