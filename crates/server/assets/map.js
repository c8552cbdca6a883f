// The map of places: every geocoded place of the corpus as a dot sized by how many articles
// mention it, over Natural Earth's country outlines, framed to the places shown.

import { el, svg, api, notice, link, route, plural } from './dom.js';

// Equirectangular projection at 10 units per degree: x from -180°, y from +90°.
const K = 10;
const project = (lon, lat) => [(lon + 180) * K, (90 - lat) * K];

let countries = null;

/**
 * A ring whose longitudes jump across the antimeridian (Fiji, Chukotka) continued past ±180°
 * instead, so that it is not drawn as a band across the whole map.
 */
function unwrap(ring) {
  let shift = 0;
  return ring.map(([lon, lat], i) => {
    if (i > 0) {
      const prev = ring[i - 1][0];
      if (lon - prev > 180) shift -= 360;
      else if (prev - lon > 180) shift += 360;
    }
    return [lon + shift, lat];
  });
}

/** Country outlines as SVG path data, loaded once. */
async function countryPaths() {
  if (countries) return countries;
  const response = await fetch('/vendor/countries-110m.json');
  const topology = await response.json();
  const features = window.topojson.feature(topology, topology.objects.countries).features;
  countries = features.map((f) => {
    const polygons = f.geometry ? (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates) : [];
    const d = polygons
      .flatMap((rings) => rings.map((ring) => `M${unwrap(ring).map(([lon, lat]) => project(lon, lat).map((v) => v.toFixed(1)).join(',')).join('L')}Z`))
      .join('');
    return { name: f.properties && f.properties.name, d };
  });
  return countries;
}

/** The viewBox (2:1) around the points, with a margin, at least 16° wide, at most the world. */
function frame(points) {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const margin = 4 * K;
  let width = Math.max(x1 - x0 + 2 * margin, 16 * K);
  let height = Math.max(y1 - y0 + 2 * margin, 8 * K);
  if (width < 2 * height) width = 2 * height;
  else height = width / 2;
  width = Math.min(width, 360 * K);
  height = Math.min(height, 180 * K);
  const left = Math.min(Math.max((x0 + x1) / 2 - width / 2, 0), 360 * K - width);
  const top = Math.min(Math.max((y0 + y1) / 2 - height / 2, 0), 180 * K - height);
  return [left, top, width, height];
}

export async function mapView() {
  const places = (await api('places', { limit: 500 })).filter((p) => p.geo && Number.isFinite(p.geo.lat) && Number.isFinite(p.geo.lon));
  const head = [
    el('h2', {}, 'Map'),
    el('p', { class: 'muted' }, 'Places the corpus mentions, sized by the number of articles. Click a place for its articles.'),
  ];
  if (!places.length) {
    return el('div', { 'data-testid': 'map' }, head, notice('No geocoded places in the corpus yet.'));
  }
  if (!window.topojson) throw new Error('the map library did not load');
  const outlines = await countryPaths();
  const points = places.map((p) => project(p.geo.lon, p.geo.lat));
  const [left, top, width, height] = frame(points);
  const unit = width / 960;
  const dots = places.map((p, i) => {
    const r = (3 + Math.min(12, Math.sqrt(p.articles || 1) * 3)) * unit;
    const dot = svg(
      'circle',
      { class: 'place-dot', cx: points[i][0].toFixed(1), cy: points[i][1].toFixed(1), r: r.toFixed(2), 'data-name': p.name, tabindex: 0, role: 'link' },
      svg('title', {}, `${p.name}: ${plural(p.articles, 'article')}, ${plural(p.mentions, 'mention')}`),
    );
    const open = () => { location.hash = route(`entity/${encodeURIComponent(`#${p.id}`)}`); };
    dot.addEventListener('click', open);
    dot.addEventListener('keydown', (e) => { if (e.key === 'Enter') open(); });
    return dot;
  });
  // Labels for the most written-about places, skipping any that would overlap one already placed.
  const placed = [];
  const labels = [];
  places.forEach((p, i) => {
    const [x, y] = [points[i][0] + 8 * unit, points[i][1] + 4 * unit];
    const box = [x, y - 12 * unit, x + p.name.length * 7 * unit, y + 2 * unit];
    if (labels.length >= 30 || placed.some((b) => box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3])) return;
    placed.push(box);
    labels.push(svg('text', { x: x.toFixed(1), y: y.toFixed(1), 'font-size': (12 * unit).toFixed(2), class: 'place-label' }, p.name));
  });
  const map = svg(
    'svg',
    { viewBox: `${left.toFixed(1)} ${top.toFixed(1)} ${width.toFixed(1)} ${height.toFixed(1)}`, role: 'img', 'aria-label': 'Map of places' },
    svg('rect', { class: 'sphere', x: 0, y: 0, width: 360 * K, height: 180 * K }),
    svg('g', {}, outlines.map((c) => svg('path', { class: 'country', d: c.d, 'vector-effect': 'non-scaling-stroke' }, c.name ? svg('title', {}, c.name) : null))),
    svg('g', {}, dots),
    svg('g', {}, labels),
  );
  const table = el(
    'table',
    { class: 'compact' },
    el('thead', {}, el('tr', {}, el('th', {}, 'Place'), el('th', {}, 'Articles'), el('th', {}, 'Mentions'))),
    el('tbody', {}, places.map((p) => el('tr', {}, el('td', {}, link(route(`entity/${encodeURIComponent(`#${p.id}`)}`), p.name)), el('td', {}, String(p.articles)), el('td', {}, String(p.mentions))))),
  );
  return el('div', { 'data-testid': 'map' }, head, el('div', { class: 'figure' }, map), el('div', { class: 'card' }, table));
}
