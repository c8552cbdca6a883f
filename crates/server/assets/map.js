// The map of places: every geocoded place of the corpus as a dot sized by how many articles
// mention it, over Natural Earth's country outlines, framed to the places shown.

import { el, svg, api, notice, link, route, plural } from './dom.js';

// Equirectangular projection at 10 units per degree: x from -180°, y from +90°.
const K = 10;
const project = (lon, lat) => [(lon + 180) * K, (90 - lat) * K];

let countries = null;

/** Country outlines as SVG path data, loaded once. */
async function countryPaths() {
  if (countries) return countries;
  const response = await fetch('/vendor/countries-110m.json');
  const topology = await response.json();
  const features = window.topojson.feature(topology, topology.objects.countries).features;
  countries = features.map((f) => {
    const polygons = f.geometry ? (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates) : [];
    const d = polygons
      .flatMap((rings) => rings.map((ring) => `M${ring.map(([lon, lat]) => project(lon, lat).map((v) => v.toFixed(1)).join(',')).join('L')}Z`))
      .join('');
    return { name: f.properties && f.properties.name, d };
  });
  return countries;
}

/** The viewBox around the points, with a margin, never narrower than 12° nor wider than the world. */
function frame(points) {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  let [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const minSpan = 12 * K;
  const w = Math.max(x1 - x0, minSpan) * 1.4;
  const h = Math.max(y1 - y0, minSpan * 0.6, w * 0.55);
  const width = Math.min(Math.max(w, h / 0.55), 360 * K);
  const height = Math.min(width * 0.55, 180 * K);
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const left = Math.min(Math.max(cx - width / 2, 0), 360 * K - width);
  const top = Math.min(Math.max(cy - height / 2, 0), 180 * K - height);
  return [left, top, width, height];
}

export async function mapView() {
  const places = (await api('places', { limit: 500 })).filter((p) => Number.isFinite(p.lat) && Number.isFinite(p.lon));
  const head = [
    el('h2', {}, 'Map'),
    el('p', { class: 'muted' }, 'Places the corpus mentions, sized by the number of articles. Click a place for its articles.'),
  ];
  if (!places.length) {
    return el('div', { 'data-testid': 'map' }, head, notice('No geocoded places in the corpus yet.'));
  }
  if (!window.topojson) throw new Error('the map library did not load');
  const outlines = await countryPaths();
  const points = places.map((p) => project(p.lon, p.lat));
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
  const labels = places.slice(0, 25).map((p, i) =>
    svg('text', { x: (points[i][0] + 8 * unit).toFixed(1), y: (points[i][1] + 4 * unit).toFixed(1), 'font-size': (12 * unit).toFixed(2), class: 'place-label' }, p.name),
  );
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
