// The article view: the text with its entities, times, counts and quotes highlighted, and the
// facts beside it. Used for a stored article and for the result of "Analyze".

import { el, link, route, plural, codePointSlicer } from './dom.js';

const TYPE_NAMES = {
  PERSON: 'People',
  ORG: 'Organisations',
  PLACE: 'Places',
};

/** The CSS class suffix of an entity type (`PERSON` -> `person`); unknown types share one. */
function typeClass(type) {
  return ['PERSON', 'ORG', 'PLACE'].includes(type) ? type.toLowerCase() : 'other';
}

/**
 * Offsets of a count in the text: its own when the API gives them, else its phrase when the
 * phrase occurs exactly once (a phrase found twice could be either, so it is not marked).
 */
function countSpan(count, text) {
  if (Number.isInteger(count.start) && Number.isInteger(count.end) && count.end > count.start) {
    return [count.start, count.end];
  }
  if (!count.text) return null;
  const first = text.indexOf(count.text);
  if (first < 0 || text.indexOf(count.text, first + 1) >= 0) return null;
  const start = Array.from(text.slice(0, first)).length;
  return [start, start + Array.from(count.text).length];
}

/** The inline marks (entities, times, counts), without overlaps: earlier, then longer, wins. */
function inlineMarks(doc, text) {
  const marks = [];
  (doc.entities || []).forEach((entity, index) => {
    for (const m of entity.mentions || []) {
      marks.push({
        start: m.start,
        end: m.end,
        cls: `mark ent ent-${typeClass(entity.type)}`,
        title: `${entity.name} (${entity.type})`,
        data: { 'data-entity': index },
      });
    }
  });
  for (const t of doc.times || []) {
    marks.push({
      start: t.start,
      end: t.end,
      cls: 'mark time',
      title: t.value ? `${t.type || 'DATE'} ${t.value}` : 'unresolved time',
      data: { 'data-value': t.value || '' },
    });
  }
  for (const c of doc.counts || []) {
    const span = countSpan(c, text);
    if (!span) continue;
    marks.push({
      start: span[0],
      end: span[1],
      cls: 'mark count',
      title: `${c.kind}: ${c.value}`,
      data: { 'data-count': c.value },
    });
  }
  for (const [list, modal] of [[doc.events || [], false], [doc.unrealised_events || [], true]]) {
    for (const ev of list) {
      const t = ev.trigger;
      if (!t || !(t.end > t.start)) continue;
      const who = `${(ev.actors || []).join(', ') || '—'} → ${(ev.targets || []).join(', ') || '—'}`;
      marks.push({
        start: t.start,
        end: t.end,
        cls: `mark trigger${modal ? ' unrealised' : ''}`,
        title: `${ev.type}${modal ? ` (${ev.modality})` : ''}: ${who}${ev.place ? ` in ${ev.place}` : ''}${ev.date ? ` on ${ev.date}` : ''}`,
        data: { 'data-event': ev.type },
      });
    }
  }
  marks.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept = [];
  let reach = 0;
  for (const m of marks) {
    if (m.start >= reach && m.end > m.start) {
      kept.push(m);
      reach = m.end;
    }
  }
  return kept;
}

/** The text as a tree: quotes around runs of marked and plain text. */
function highlightedText(doc, text) {
  const cp = codePointSlicer(text);
  const marks = inlineMarks(doc, text);
  const quotes = [];
  let quoteReach = 0;
  for (const q of [...(doc.quotes || []), ...(doc.reported_speech || [])]
    .filter((q) => q.end > q.start)
    .sort((a, b) => a.start - b.start || b.end - a.end)) {
    if (q.start >= quoteReach) {
      quotes.push(q);
      quoteReach = q.end;
    }
  }
  const cuts = new Set([0, cp.length]);
  for (const r of [...marks, ...quotes]) {
    cuts.add(Math.max(0, Math.min(r.start, cp.length)));
    cuts.add(Math.max(0, Math.min(r.end, cp.length)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const covering = (ranges, a) => ranges.find((r) => r.start <= a && a < r.end) || null;

  const body = el('div', { class: 'article-text', 'data-testid': 'article-text' });
  let quoteNode = null;
  let quoteOf = null;
  let markNode = null;
  let markOf = null;
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const quote = covering(quotes, a);
    const mark = covering(marks, a);
    if (quote !== quoteOf) {
      quoteOf = quote;
      quoteNode = null;
      markOf = null;
      markNode = null;
      if (quote) {
        const speaker = quote.speaker || 'unknown speaker';
        const kind = quote.kind || 'direct';
        quoteNode = el('span', {
          class: `quote quote-${kind}`,
          title: kind === 'indirect' ? `Reported speech of ${speaker}` : `Said by ${speaker}`,
          'data-speaker': speaker,
          tabindex: 0,
        });
        body.append(quoteNode);
      }
    }
    const parent = quoteNode || body;
    if (mark !== markOf) {
      markOf = mark;
      markNode = mark ? el('mark', { class: mark.cls, title: mark.title, ...mark.data }) : null;
      if (markNode) parent.append(markNode);
    }
    (markNode || parent).append(cp.slice(a, b));
  }
  // Hovering one mention of an entity lights up all of its mentions.
  body.addEventListener('mouseover', (e) => {
    const target = e.target.closest('[data-entity]');
    for (const lit of body.querySelectorAll('.lit')) lit.classList.remove('lit');
    if (!target) return;
    for (const m of body.querySelectorAll(`[data-entity="${target.dataset.entity}"]`)) {
      m.classList.add('lit');
    }
  });
  return body;
}

function section(title, count, ...content) {
  return el('section', { class: 'facts' }, el('h3', {}, `${title} `, el('span', { class: 'n' }, String(count))), ...content);
}

function entityList(entities) {
  const groups = new Map();
  for (const e of entities) {
    const key = TYPE_NAMES[e.type] ? e.type : 'OTHER';
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(e);
  }
  const order = ['PERSON', 'ORG', 'PLACE', 'OTHER'];
  return order
    .filter((k) => groups.has(k))
    .map((k) =>
      section(
        TYPE_NAMES[k] || 'Other entities',
        groups.get(k).length,
        el(
          'ul',
          { class: 'plain' },
          groups.get(k).map((e) =>
            el(
              'li',
              {},
              el('span', { class: `swatch ent-${typeClass(e.type)}` }),
              link(route(`entity/${encodeURIComponent(e.name)}`), e.name),
              k === 'OTHER' ? el('span', { class: 'muted' }, ` ${e.type}`) : null,
              el('span', { class: 'muted' }, ` ×${(e.mentions || []).length}`),
              e.aliases && e.aliases.length ? el('span', { class: 'muted' }, ` (also ${e.aliases.join(', ')})`) : null,
            ),
          ),
        ),
      ),
    );
}

/** The facts beside the text. */
function factPanels(doc) {
  const panels = [...entityList(doc.entities || [])];
  const times = doc.times || [];
  if (times.length) {
    panels.push(
      section(
        'Times',
        times.length,
        el(
          'table',
          { class: 'compact' },
          el('tbody', {}, times.map((t) => el('tr', {}, el('td', {}, t.text), el('td', { class: 'mono' }, t.value || '—')))),
        ),
      ),
    );
  }
  const quotes = [...(doc.quotes || []), ...(doc.reported_speech || [])];
  if (quotes.length) {
    panels.push(
      section(
        'Quotes',
        quotes.length,
        el(
          'ul',
          { class: 'plain quotes' },
          quotes.map((q) => el('li', {}, el('blockquote', {}, q.text), el('cite', {}, q.speaker || 'unknown speaker', q.kind === 'scare' ? ' (scare quotes)' : q.kind === 'indirect' ? ' (reported)' : ''))),
        ),
      ),
    );
  }
  const counts = doc.counts || [];
  if (counts.length) {
    panels.push(
      section(
        'Counts',
        counts.length,
        el('ul', { class: 'plain' }, counts.map((c) => el('li', {}, el('strong', {}, `${c.kind} ${c.value}`), el('span', { class: 'muted' }, ` “${c.text}”`)))),
      ),
    );
  }
  const events = [...(doc.events || []), ...(doc.unrealised_events || [])];
  if (events.length) {
    panels.push(
      section(
        'Events',
        events.length,
        el(
          'ul',
          { class: 'plain' },
          events.map((ev) =>
            el(
              'li',
              {},
              el('span', { class: 'etype' }, ev.type),
              ev.modality && ev.modality !== 'asserted' ? el('span', { class: 'muted' }, ` (${ev.modality})`) : null,
              ` ${(ev.actors || []).join(', ') || '—'} → ${(ev.targets || []).join(', ') || '—'}`,
              ev.place ? ` in ${ev.place}` : '',
              ev.date ? el('span', { class: 'mono muted' }, ` ${ev.date}`) : '',
            ),
          ),
        ),
      ),
    );
  }
  if (!panels.length) panels.push(el('p', { class: 'muted' }, 'No facts were found in this article.'));
  return panels;
}

function legend(doc) {
  const n = (xs) => (xs || []).length;
  const mentions = (doc.entities || []).reduce((s, e) => s + n(e.mentions), 0);
  return el(
    'p',
    { class: 'legend' },
    el('mark', { class: 'mark ent ent-person' }, 'person'),
    el('mark', { class: 'mark ent ent-org' }, 'organisation'),
    el('mark', { class: 'mark ent ent-place' }, 'place'),
    el('mark', { class: 'mark ent ent-other' }, 'other entity'),
    el('mark', { class: 'mark time' }, 'time'),
    el('mark', { class: 'mark count' }, 'count'),
    el('mark', { class: 'mark trigger' }, 'event'),
    el('span', { class: 'quote quote-direct' }, 'quote'),
    el('span', { class: 'quote quote-indirect' }, 'reported speech'),
    el(
      'span',
      { class: 'muted' },
      ` ${plural(mentions, 'mention')}, ${plural(n(doc.times), 'time')}, ${plural(n(doc.quotes), 'quote')}, ${plural(n(doc.counts), 'count')}, ${plural(n(doc.events) + n(doc.unrealised_events), 'event')}`,
    ),
  );
}

/**
 * The view of one analysed article: `doc` has `article` (`title`, `url`, `published`, `text`,
 * ...) and the contract's layers (`entities`, `times`, `quotes`, `counts`, `events`).
 */
export function articleView(doc) {
  const a = doc.article || {};
  const text = a.text || '';
  const meta = [];
  if (a.published) meta.push(`Published ${a.published}`);
  if (a.source) meta.push(a.source);
  return el(
    'article',
    { class: 'article-view', 'data-testid': 'article-view' },
    el('h2', {}, a.title || '(untitled article)'),
    el('p', { class: 'muted meta' }, meta.join(' · '), a.url ? el('span', { class: 'url' }, ` · ${a.url}`) : null),
    (doc.warnings || []).map((w) => el('p', { class: 'notice notice-warning' }, w)),
    legend(doc),
    el('div', { class: 'article-layout' }, highlightedText(doc, text), el('aside', { class: 'article-facts' }, factPanels(doc))),
  );
}
