// The timeline: the corpus's events in date order, filtered by actor, type and dates; each
// event opens onto the articles that report it and the sentences that say so.

import { el, link, route, replace, api, notice, plural, codePointSlicer } from './dom.js';
import { typeColour } from './network.js';

/** A sentence of evidence with the words that state the event marked. */
function evidenceSentence(ev) {
  const cp = codePointSlicer(ev.sentence);
  const hasTrigger = Number.isInteger(ev.trigger_start) && Number.isInteger(ev.trigger_end) && ev.trigger_end > ev.trigger_start;
  return el(
    'blockquote',
    { class: 'evidence', 'data-testid': 'evidence' },
    hasTrigger
      ? [cp.slice(0, ev.trigger_start), el('span', { class: 'trigger' }, cp.slice(ev.trigger_start, ev.trigger_end)), cp.slice(ev.trigger_end, cp.length)]
      : ev.sentence,
  );
}

/** The body of an opened event: its sources with their evidence, and its counts. */
async function eventBody(ev) {
  const evidence = await api(`events/${encodeURIComponent(ev.id)}/evidence`);
  const byArticle = new Map();
  for (const e of evidence) {
    if (!byArticle.has(e.article_id)) byArticle.set(e.article_id, []);
    byArticle.get(e.article_id).push(e);
  }
  const parts = [
    el('h4', {}, `Reported by ${plural(ev.sources.length, 'article')}`),
    el(
      'ol',
      { class: 'sources', 'data-testid': 'sources' },
      ev.sources.map((s) =>
        el(
          'li',
          {},
          link(route(`article/${s.article.id}`), s.article.title || s.article.source),
          el('span', { class: 'muted' }, ` · published ${s.article.published || 'on an unknown date'}${s.date && s.date !== ev.date ? ` · dates it ${s.date}` : ''}`),
          (byArticle.get(s.article.id) || []).map(evidenceSentence),
          !byArticle.has(s.article.id) && s.trigger ? el('p', { class: 'muted' }, `Stated by “${s.trigger}”`) : null,
        ),
      ),
    ),
  ];
  if (ev.counts.length) {
    parts.push(
      el('h4', {}, 'Counts'),
      el(
        'ul',
        { class: 'plain', 'data-testid': 'event-counts' },
        ev.counts.map((c) =>
          el(
            'li',
            {},
            el('strong', {}, `${c.kind} ${c.value}`),
            c.max !== c.value ? el('span', { class: 'muted' }, ` (up to ${c.max})`) : null,
            el('ul', { class: 'plain history' }, c.reports.map((r) => el('li', { class: 'muted' }, `${r.article.published || 'undated'}: “${r.text}” — ${r.article.title || r.article.source}`))),
          ),
        ),
      ),
    );
  }
  return parts;
}

const names = (refs) => refs.map((r) => r.name);

function participants(list, cls) {
  return list.length ? el('span', { class: cls }, names(list).join(', ')) : el('span', { class: `${cls} muted` }, '—');
}

function eventItem(ev, open) {
  const chip = el('span', { class: 'etype' }, ev.type);
  chip.style.setProperty('color', typeColour(ev.type));
  const body = el('div', { class: 'event-body' });
  const details = el(
    'details',
    { class: 'event', 'data-testid': 'event', 'data-id': ev.id },
    el(
      'summary',
      {},
      el('span', { class: 'date mono' }, ev.date || 'undated'),
      chip,
      ev.modality !== 'asserted' ? el('span', { class: 'muted' }, `(${ev.modality})`) : null,
      participants(ev.actors, 'actors'),
      el('span', { class: 'muted' }, '→'),
      participants(ev.targets, 'targets'),
      ev.place ? el('span', {}, `in ${ev.place.name}`) : null,
      el('span', { class: 'muted' }, `· ${plural(ev.sources.length, 'report')}`),
    ),
    body,
  );
  let loaded = false;
  details.addEventListener('toggle', async () => {
    if (!details.open || loaded) return;
    loaded = true;
    replace(body, notice('Loading…'));
    try {
      replace(body, await eventBody(ev));
    } catch (err) {
      loaded = false;
      replace(body, notice(err.message, 'error'));
    }
  });
  if (open) details.open = true;
  return el('li', {}, details);
}

/** The filter form; submitting it changes the route, which redraws the view. */
function filterForm(params, types) {
  const input = (name, attrs) => el('input', { name, value: params.get(name) || '', ...attrs });
  const type = el('select', { name: 'type' }, el('option', { value: '' }, 'all types'), types.map((t) => el('option', { value: t.type, selected: params.get('type') === t.type }, `${t.type} (${t.events})`)));
  const form = el(
    'form',
    { class: 'filters', 'data-testid': 'filters' },
    el('label', {}, 'Actor', input('actor', { placeholder: 'any actor', list: 'actor-names' })),
    el('label', {}, 'Type', type),
    el('label', {}, 'From', input('from', { type: 'date' })),
    el('label', {}, 'To', input('to', { type: 'date' })),
    el('button', { type: 'submit' }, 'Filter'),
    el('a', { href: '#/timeline', class: 'button secondary' }, 'Clear'),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const data = new FormData(form);
    location.hash = route('timeline', Object.fromEntries([...data.entries()].map(([k, v]) => [k, String(v).trim()])));
  });
  return form;
}

export async function timelineView(params) {
  const filters = { actor: params.get('actor'), type: params.get('type'), from: params.get('from'), to: params.get('to') };
  const [timeline, facets] = await Promise.all([api('timeline', { ...filters, limit: 500 }), api('facets')]);
  const wanted = params.get('event');
  const events = timeline.events || [];
  const what = [filters.type, timeline.actor && `involving ${timeline.actor.name}`, filters.from && `from ${filters.from}`, filters.to && `to ${filters.to}`].filter(Boolean).join(' ');
  return el(
    'div',
    { 'data-testid': 'timeline' },
    el('h2', {}, 'Timeline'),
    filterForm(params, facets.event_types),
    el('datalist', { id: 'actor-names' }, facets.actors.map((name) => el('option', { value: name }))),
    el('p', { class: 'muted', 'data-testid': 'timeline-count' }, `${plural(events.length, 'event')}${what ? ` ${what}` : ''}${timeline.truncated ? ' (the first ones shown; narrow the filters for the rest)' : ''}`),
    events.length
      ? el('ol', { class: 'timeline' }, events.map((ev) => eventItem(ev, String(ev.id) === wanted)))
      : notice(what ? 'No events match these filters.' : 'The corpus has no events yet.'),
  );
}
