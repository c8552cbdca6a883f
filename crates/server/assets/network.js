// The actor network: who acts on whom, one arrow per event type, laid out by a small force
// simulation (repulsion between all nodes, springs along edges, a pull to the centre).

import { el, svg, api, notice, route, plural } from './dom.js';

/** Colours of event types; types not listed get the grey of `other`. */
const TYPE_COLOURS = {
  statement: '#566573',
  appeal: '#2e86c1',
  intend: '#48c9b0',
  consult: '#2874a6',
  cooperate: '#1e8449',
  aid: '#229954',
  yield: '#7d3c98',
  investigate: '#5d6d7e',
  demand: '#a04000',
  disapprove: '#b9770e',
  reject: '#935116',
  threaten: '#f39c12',
  protest: '#d4ac0d',
  mobilize: '#943126',
  reduce_relations: '#6e2c00',
  coerce: '#e67e22',
  attack: '#c0392b',
  disaster: '#34495e',
  election: '#6c3483',
  other: '#7f8c8d',
};

export function typeColour(type) {
  return TYPE_COLOURS[type] || TYPE_COLOURS.other;
}

const WIDTH = 960;
const HEIGHT = 620;

/** Positions for `nodes` (mutated: x, y) given `links` between their indexes. */
function layout(nodes, links) {
  const n = nodes.length;
  nodes.forEach((node, i) => {
    // Start on a circle, so the result is the same at every load.
    const angle = (2 * Math.PI * i) / Math.max(n, 1);
    node.x = WIDTH / 2 + (WIDTH / 3) * Math.cos(angle);
    node.y = HEIGHT / 2 + (HEIGHT / 3) * Math.sin(angle);
  });
  const ideal = Math.min(130, Math.max(70, 700 / Math.sqrt(Math.max(n, 1))));
  for (let step = 0, heat = 40; step < 400; step++, heat *= 0.985) {
    const dx = new Float64Array(n);
    const dy = new Float64Array(n);
    // Repulsion between every pair, fading beyond three ideal lengths so that separate
    // groups stay near each other instead of flying to the edges.
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let ex = nodes[i].x - nodes[j].x;
        let ey = nodes[i].y - nodes[j].y;
        const d2 = Math.max(ex * ex + ey * ey, 1);
        if (d2 > 9 * ideal * ideal) continue;
        const f = (ideal * ideal) / d2;
        ex *= f; ey *= f;
        dx[i] += ex; dy[i] += ey; dx[j] -= ex; dy[j] -= ey;
      }
    }
    for (const [a, b] of links) {
      const ex = nodes[b].x - nodes[a].x;
      const ey = nodes[b].y - nodes[a].y;
      const d = Math.max(Math.hypot(ex, ey), 1);
      const f = (d - ideal) / d / 2;
      dx[a] += ex * f; dy[a] += ey * f; dx[b] -= ex * f; dy[b] -= ey * f;
    }
    for (let i = 0; i < n; i++) {
      dx[i] += (WIDTH / 2 - nodes[i].x) * 0.05;
      dy[i] += (HEIGHT / 2 - nodes[i].y) * 0.05;
      const len = Math.max(Math.hypot(dx[i], dy[i]), 1e-9);
      const move = Math.min(len, heat);
      nodes[i].x += (dx[i] / len) * move;
      nodes[i].y += (dy[i] / len) * move;
    }
  }
}

/** The path of an edge, bent by `bend` so parallel edges of several types stay apart. */
function edgePath(a, b, bend, radius) {
  const mx = (a.x + b.x) / 2;
  const my = (a.y + b.y) / 2;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.max(Math.hypot(dx, dy), 1);
  const cx = mx - (dy / len) * bend;
  const cy = my + (dx / len) * bend;
  // End the arrow at the target's rim.
  const tx = b.x - ((b.x - cx) / Math.max(Math.hypot(b.x - cx, b.y - cy), 1)) * radius;
  const ty = b.y - ((b.y - cy) / Math.max(Math.hypot(b.x - cx, b.y - cy), 1)) * radius;
  return `M${a.x.toFixed(1)},${a.y.toFixed(1)} Q${cx.toFixed(1)},${cy.toFixed(1)} ${tx.toFixed(1)},${ty.toFixed(1)}`;
}

export async function networkView() {
  const net = await api('network', { limit: 80 });
  const head = [
    el('h2', {}, 'Actors'),
    el('p', { class: 'muted' }, 'Who acts on whom: an arrow from actor to target for each type of event between them; thicker arrows stand for more events. Click an actor for its events.'),
  ];
  if (!net.edges.length) {
    return el('div', { 'data-testid': 'network' }, head, notice('No events with both an actor and a target yet, so there is no network to draw.'));
  }
  const nodes = net.nodes.map((node) => ({ ...node }));
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  const links = net.edges.map((e) => [index.get(e.source), index.get(e.target)]);
  layout(nodes, links);
  // Frame the drawing to the nodes, so a small network is not lost in an empty box.
  const xs = nodes.map((node) => node.x);
  const ys = nodes.map((node) => node.y);
  const w = Math.max(Math.max(...xs) - Math.min(...xs) + 240, 640);
  const h = Math.max(Math.max(...ys) - Math.min(...ys) + 80, 320);
  const cx = (Math.max(...xs) + Math.min(...xs)) / 2 + 40;
  const cy = (Math.max(...ys) + Math.min(...ys)) / 2;
  const viewBox = `${(cx - w / 2).toFixed(0)} ${(cy - h / 2).toFixed(0)} ${w.toFixed(0)} ${h.toFixed(0)}`;
  const radius = (node) => 5 + Math.min(14, Math.sqrt(node.events || 1) * 3);
  const types = [...new Set(net.edges.map((e) => e.type))].sort();
  const defs = svg(
    'defs',
    {},
    types.map((t, i) =>
      svg('marker', { id: `arrow-${i}`, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 6, markerHeight: 6, orient: 'auto-start-reverse' },
        svg('path', { d: 'M0,0 L10,5 L0,10 z', fill: typeColour(t) })),
    ),
  );
  // Edges between the same two nodes get different bends.
  const seen = new Map();
  const edges = net.edges.map((e) => {
    const a = nodes[index.get(e.source)];
    const b = nodes[index.get(e.target)];
    const key = [e.source, e.target].sort().join(' ');
    const k = seen.get(key) || 0;
    seen.set(key, k + 1);
    // Bends count from the pair's own direction, so edges both ways curve apart too.
    const way = e.source < e.target ? 1 : -1;
    const bend = way * (k % 2 ? -1 : 1) * (12 + 14 * Math.floor(k / 2));
    return svg(
      'path',
      {
        class: 'edge',
        d: edgePath(a, b, bend, radius(b) + 2),
        stroke: typeColour(e.type),
        'stroke-width': Math.min(6, 1 + Math.log2(e.events || 1)),
        'marker-end': `url(#arrow-${types.indexOf(e.type)})`,
        'data-type': e.type,
      },
      svg('title', {}, `${a.name} → ${b.name}: ${e.type} (${plural(e.events, 'event')})`),
    );
  });
  const nodeEls = nodes.map((node) => {
    const g = svg(
      'g',
      { class: 'node', transform: `translate(${node.x.toFixed(1)},${node.y.toFixed(1)})`, 'data-name': node.name, tabindex: 0, role: 'link' },
      svg('circle', { r: radius(node).toFixed(1), fill: node.type === 'PERSON' ? '#d4a72c' : node.type === 'PLACE' ? '#4f9d57' : '#3d7fc4' }),
      svg('text', { x: 0, y: radius(node) + 13, 'text-anchor': 'middle' }, node.name),
      svg('title', {}, `${node.name} (${node.type}): ${plural(node.events, 'event')}`),
    );
    const open = () => { location.hash = route('timeline', { actor: `#${node.id}` }); };
    g.addEventListener('click', open);
    g.addEventListener('keydown', (e) => { if (e.key === 'Enter') open(); });
    return g;
  });
  const key = el('div', { class: 'key' }, types.map((t) => {
    const s = el('span', {}, t);
    s.style.setProperty('--c', typeColour(t));
    return s;
  }));
  return el(
    'div',
    { 'data-testid': 'network' },
    head,
    key,
    el('div', { class: 'figure' }, svg('svg', { viewBox, role: 'img', 'font-size': Math.max(11, w / 90).toFixed(1), 'aria-label': 'Actor network' }, defs, svg('g', {}, edges), svg('g', {}, nodeEls))),
  );
}
