/* GramSewa attendance map with JavaScript: Leaflet (Debian's
   libjs-leaflet, served by nginx from /javascript/) with marker clustering,
   drawn from our own GeoJSON (GP points coloured by today's state, block
   outlines).  No tiles are loaded from anywhere.  Without JavaScript the
   server's SVG map below stays. */
(function () {
  'use strict';
  var el = document.getElementById('live-map');
  if (!el || !window.L || !window.fetch) return;
  fetch(el.getAttribute('data-src'), { credentials: 'same-origin' }).then(function (r) {
    return r.ok ? r.json() : Promise.reject(r.status);
  }).then(function (data) {
    el.hidden = false;
    var map = L.map(el, { attributionControl: false, zoomSnap: 0.25, minZoom: 5, maxZoom: 16 });
    var outlines = L.geoJSON(data.features.filter(function (f) { return f.properties.kind === 'block'; }), {
      style: function () { return { color: '#6f777b', weight: 1.5, fillColor: '#dee0e2', fillOpacity: 0.35 }; },
      onEachFeature: function (f, layer) { layer.bindTooltip(f.properties.name); }
    }).addTo(map);
    var cluster = L.markerClusterGroup ? L.markerClusterGroup({ maxClusterRadius: 40 }) : L.layerGroup();
    data.features.forEach(function (f) {
      if (f.properties.kind !== 'gp') return;
      var c = f.geometry.coordinates;
      var m = L.circleMarker([c[1], c[0]], { radius: 7, color: '#0b0c0c', weight: 1, fillColor: f.properties.colour, fillOpacity: 0.9 });
      m.bindPopup(document.createTextNode(f.properties.name + ' (' + f.properties.block + '): ' + f.properties.label));
      cluster.addLayer(m);
    });
    cluster.addTo(map);
    var b = outlines.getBounds();
    if (cluster.getBounds && cluster.getBounds().isValid()) b = b.isValid() ? b.extend(cluster.getBounds()) : cluster.getBounds();
    if (b.isValid()) map.fitBounds(b.pad(0.05)); else map.setView([23.65, 85.55], 7);
    var svg = document.getElementById('svg-map');
    if (svg) svg.hidden = true;
  }).catch(function (e) { if (window.console) console.warn("attendance map: " + e); /* the SVG map stays */ });
})();
