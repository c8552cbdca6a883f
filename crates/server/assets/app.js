// The sitrep UI: a page per route (`#/timeline?actor=...`), each drawn from the JSON API.

import { el, link, route, replace, api, notice, plural } from './dom.js';
import { articleView } from './article.js';
import { timelineView } from './timeline.js';
import { networkView } from './network.js';
import { mapView } from './map.js';

const main = document.getElementById('main');

/** Home: the corpus at a glance and its articles. */
async function homeView() {
  const [stats, articles] = await Promise.all([api('stats'), api('articles', { limit: 200 })]);
  const stat = (n, label) => el('div', { class: 'stat' }, el('strong', {}, String(n)), label);
  return el(
    'div',
    {},
    el('h2', {}, 'Corpus'),
    el(
      'div',
      { class: 'stats', 'data-testid': 'stats' },
      stat(stats.articles, 'articles'),
      stat(stats.entities, 'entities'),
      stat(stats.events, 'events'),
      stat(stats.quotes, 'quotes'),
      stat(stats.counts, 'counts'),
    ),
    el(
      'p',
      { class: 'muted' },
      'Download: ',
      el('a', { href: '/api/export?format=jsonl' }, 'articles and analyses (JSONL)'),
      ' · ',
      el('a', { href: '/api/export?format=csv&table=events' }, 'events (CSV)'),
      ' · ',
      el('a', { href: '/api/export?format=csv&table=entities' }, 'entities (CSV)'),
      ' · ',
      el('a', { href: '/api/export?format=csv&table=quotes' }, 'quotes (CSV)'),
      ' · ',
      el('a', { href: '/api/export?format=gkg' }, 'GDELT GKG'),
    ),
    el('h3', {}, stats.articles > articles.length ? `The latest ${articles.length} articles` : 'Articles'),
    articles.length
      ? el('ul', { class: 'plain results', 'data-testid': 'articles' }, articles.map(articleItem))
      : notice('The corpus has no articles yet: add some with `sitrep ingest`.'),
  );
}

/** One article in a list: an article, or a search hit (`{article, snippet}`). */
function articleItem(item) {
  const a = item.article || item;
  return el(
    'li',
    { class: 'card' },
    link(route(`article/${a.id}`), a.title || a.source),
    el('div', { class: 'muted' }, [a.published || 'no date', a.source].join(' · ')),
    item.snippet ? snippet(item.snippet) : null,
    item.mentions ? el('div', { class: 'muted' }, plural(item.mentions, 'mention')) : null,
  );
}

/** A search snippet, the matched words between `[` and `]`, with them in bold. */
function snippet(text) {
  const parts = text.split(/[[\]]/);
  return el('p', { class: 'snippet' }, parts.map((part, i) => (i % 2 === 1 ? el('b', {}, part) : part)));
}

async function articlePage(id) {
  return articleView(await api(`articles/${encodeURIComponent(id)}`));
}

/** Search results: the entity the words name, if any, then articles and quotes. */
async function searchView(params) {
  const q = params.get('q') || '';
  document.getElementById('search-input').value = q;
  if (!q.trim()) return notice('Type words to search for in the box above.');
  const [r, named] = await Promise.all([api('search', { q, limit: 50 }), api('resolve', { name: q }).catch(() => null)]);
  const blocks = [el('h2', {}, `Search: ${q}`)];
  const entities = !named ? [] : named.match === 'found' ? [named.entity] : named.match === 'ambiguous' ? named.candidates : [];
  if (entities.length) {
    blocks.push(
      el('h3', {}, 'Entities'),
      el(
        'ul',
        { class: 'plain', 'data-testid': 'search-entities' },
        entities.map((e) => el('li', {}, entityLink(e), el('span', { class: 'muted' }, ` ${e.type} · ${plural(e.articles, 'article')}`))),
      ),
    );
  }
  if (r.articles.length) {
    blocks.push(el('h3', {}, 'Articles'), el('ul', { class: 'plain results', 'data-testid': 'search-articles' }, r.articles.map(articleItem)));
  }
  if (r.quotes.length) {
    blocks.push(el('h3', {}, 'Quotes'), quoteList(r.quotes.map((hit) => hit.quote)));
  }
  if (!entities.length && !r.articles.length && !r.quotes.length) {
    blocks.push(notice(`Nothing in the corpus matches “${q}”.`));
  }
  return el('div', { 'data-testid': 'search-results' }, blocks);
}

/** A link to an entity's page, by id (names can be shared). */
function entityLink(e) {
  return link(route(`entity/${encodeURIComponent(`#${e.id}`)}`), e.name);
}

function quoteList(quotes) {
  return el(
    'ul',
    { class: 'plain quotes', 'data-testid': 'quotes' },
    quotes.map((q) =>
      el(
        'li',
        { class: 'card' },
        el('blockquote', {}, q.text),
        el(
          'cite',
          {},
          q.speaker_entity ? entityLink(q.speaker_entity) : q.speaker || 'unknown speaker',
          ' · ',
          link(route(`article/${q.article.id}`), q.article.title || q.article.source),
          q.article.published ? ` · ${q.article.published}` : '',
        ),
      ),
    ),
  );
}

async function quotesView(params) {
  const speaker = params.get('speaker') || '';
  const quotes = await api('quotes', { speaker, limit: 200 });
  const who = speaker && quotes.length && quotes[0].speaker_entity ? quotes[0].speaker_entity.name : speaker;
  return el(
    'div',
    {},
    el('h2', {}, who ? `Quotes of ${who}` : 'Quotes'),
    quotes.length ? quoteList(quotes) : notice('No quotes.'),
  );
}

/** One entity across the corpus. */
async function entityPage(name) {
  const p = await api(`entities/${encodeURIComponent(name)}`);
  const e = p.entity;
  const facts = [`${plural(e.articles, 'article')}`, `${plural(e.mentions, 'mention')}`];
  if (e.geo) facts.push(`${e.geo.lat.toFixed(2)}, ${e.geo.lon.toFixed(2)}`);
  if (e.country) facts.push(e.country);
  const byName = `#${e.id}`;
  return el(
    'div',
    { 'data-testid': 'entity' },
    el('h2', {}, e.name, el('span', { class: 'n' }, ` ${e.type}`)),
    el('p', { class: 'muted' }, facts.join(' · ')),
    p.aliases.length > 1 ? el('p', {}, 'Called ', p.aliases.map((a) => `${a.name} (${a.articles})`).join(', ')) : null,
    p.titles.length ? el('p', {}, 'Titles: ', p.titles.map((t) => t.name).join(', ')) : null,
    el('p', {}, link(route('timeline', { actor: byName }), 'Its events on the timeline'), ' · ', link(route('quotes', { speaker: byName }), 'Its quotes')),
    p.event_roles.length
      ? el('section', { class: 'card' }, el('h3', {}, 'Roles in events'), el('ul', { class: 'plain' }, p.event_roles.map((r) => el('li', {}, `${r.role} in ${plural(r.events, `${r.type} event`)}`))))
      : null,
    p.quotes.length ? el('section', {}, el('h3', {}, 'Latest quotes'), quoteList(p.quotes)) : null,
    el('h3', {}, 'Articles'),
    el('ul', { class: 'plain results' }, p.articles.map(articleItem)),
  );
}

/** Analyse a pasted article without storing it. */
function analyzeView() {
  const text = el('textarea', { name: 'text', required: true, 'aria-label': 'Article text', placeholder: 'Paste the text of a news article' });
  const title = el('input', { name: 'title', placeholder: 'optional' });
  const published = el('input', { name: 'published', type: 'date' });
  const out = el('div', { 'data-testid': 'analysis' });
  const form = el(
    'form',
    { class: 'analyze-form' },
    el('h2', {}, 'Analyze an article'),
    el('p', { class: 'muted' }, 'The article is analysed and shown here; it is not added to the corpus.'),
    text,
    el('div', { class: 'row' }, el('label', {}, 'Title', title), el('label', {}, 'Published', published), el('button', { type: 'submit' }, 'Analyze')),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    replace(out, notice('Analysing…'));
    try {
      const body = JSON.stringify({ text: text.value, title: title.value || undefined, published: published.value || undefined });
      const doc = await api('analyze', {}, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
      replace(out, articleView(doc));
    } catch (err) {
      replace(out, notice(err.message, 'error'));
    }
  });
  return el('div', {}, form, out);
}

const ROUTES = [
  [/^$/, 'home', () => homeView()],
  [/^article\/([^/]+)$/, 'home', (m) => articlePage(m[1])],
  [/^search$/, 'search', (m, p) => searchView(p)],
  [/^timeline$/, 'timeline', (m, p) => timelineView(p)],
  [/^network$/, 'network', () => networkView()],
  [/^map$/, 'map', () => mapView()],
  [/^quotes$/, 'quotes', (m, p) => quotesView(p)],
  [/^entity\/(.+)$/, 'home', (m) => entityPage(decodeURIComponent(m[1]))],
  [/^analyze$/, 'analyze', () => analyzeView()],
];

let rendering = 0;

/** Draws the page of the current `#/route`. */
async function render() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, query] = hash.split('?', 2);
  const params = new URLSearchParams(query || '');
  const ticket = ++rendering;
  const found = ROUTES.find(([re]) => re.test(path));
  for (const a of document.querySelectorAll('.top nav a')) {
    a.classList.toggle('active', !!found && a.dataset.view === found[1]);
  }
  main.setAttribute('aria-busy', 'true');
  let view;
  try {
    view = found ? await found[2](path.match(found[0]), params) : notice(`No page at #/${path}.`, 'error');
  } catch (err) {
    view = notice(err.message || String(err), 'error');
  }
  // A later navigation has drawn its page already.
  if (ticket !== rendering) return;
  replace(main, view);
  main.setAttribute('aria-busy', 'false');
}

document.getElementById('search-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const q = document.getElementById('search-input').value.trim();
  location.hash = route('search', { q });
});
window.addEventListener('hashchange', render);
render();
