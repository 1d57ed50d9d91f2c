/* GramSewa points map with JavaScript (amenities, survey tasks): Leaflet
   from Debian's libjs-leaflet, served by nginx from /javascript/, drawing
   our own GeoJSON points (properties: name, label, colour, href).  No tile
   layer: nothing is loaded from outside.  Without JavaScript the server's
   SVG map stays. */
(function () {
  'use strict';
  var el = document.getElementById('live-map');
  if (!el || !window.L || !window.fetch) return;
  fetch(el.getAttribute('data-src'), { credentials: 'same-origin' }).then(function (r) {
    return r.ok ? r.json() : Promise.reject(r.status);
  }).then(function (data) {
    if (!data.features || !data.features.length) return;
    el.hidden = false;
    var map = L.map(el, { attributionControl: false, zoomSnap: 0.25, maxZoom: 18 });
    var layer = L.featureGroup();
    data.features.forEach(function (f) {
      var c = f.geometry.coordinates, p = f.properties;
      var m = L.circleMarker([c[1], c[0]], { radius: 7, color: '#0b0c0c', weight: 1, fillColor: p.colour, fillOpacity: 0.9 });
      var box = document.createElement('div');
      var a = document.createElement('a');
      a.href = p.href || ('/amenities/' + p.id);
      a.textContent = p.name + (p.label ? ': ' + p.label : (p.type_en ? ' (' + p.type_en + ')' : ''));
      box.appendChild(a);
      m.bindPopup(box);
      layer.addLayer(m);
    });
    layer.addTo(map);
    map.fitBounds(layer.getBounds().pad(0.1), { maxZoom: 16 });
    var svg = document.getElementById('svg-map');
    if (svg) svg.hidden = true;
  }).catch(function (e) { if (window.console) console.warn('points map: ' + e); /* the SVG map stays */ });
})();
