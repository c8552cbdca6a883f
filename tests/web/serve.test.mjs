// End-to-end tests of `sitrep serve`: a corpus built with `sitrep ingest` from the articles in
// articles/, served on a free loopback port, used through the UI in headless Chromium.
//
// Every check compares what the page shows with what the JSON API answers for the same corpus,
// so the tests hold as the extractors find more; where the corpus has facts of a kind (events,
// quotes, places), the page must show them, and where it has none, it must say so.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const bin = process.env.SITREP_BIN || path.join(root, 'target/debug/sitrep');
const articlesDir = path.join(here, 'articles');
const artifacts = path.join(here, 'artifacts');

let work;
let server;
let base;
let browser;
let page;
/** Console errors and uncaught exceptions of the page (a CSP violation is one). */
const pageErrors = [];

/** Starts `sitrep serve` on port 0 and resolves with the URL it prints first. */
function startServer(db) {
  return new Promise((resolve, reject) => {
    server = spawn(bin, ['serve', '--db', db, '--addr', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`sitrep serve did not start within 15 s: ${err}`)), 15000);
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const line = out.split('\n')[0];
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve(line.trim().replace(/\/$/, ''));
      }
    });
    server.stderr.on('data', (chunk) => { err += chunk; });
    server.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sitrep serve exited with ${code}: ${err}`));
    });
  });
}

before(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'sitrep-web-'));
  const db = path.join(work, 'corpus.sqlite');
  const articles = readdirSync(articlesDir).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(articlesDir, f));
  const ingest = spawnSync(bin, ['ingest', '--db', db, ...articles], { encoding: 'utf8' });
  assert.equal(ingest.status, 0, `sitrep ingest failed: ${ingest.stderr}`);
  base = await startServer(db);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(5000);
  page.on('console', (m) => { if (m.type() === 'error') pageErrors.push(m.text()); });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('dialog', (d) => { pageErrors.push(`dialog opened: ${d.message()}`); d.dismiss(); });
});

after(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
  if (work) rmSync(work, { recursive: true, force: true });
});

/** A test that keeps a screenshot of the page when it fails. */
function uiTest(name, fn) {
  test(name, async () => {
    try {
      await fn();
    } catch (err) {
      mkdirSync(artifacts, { recursive: true });
      const file = path.join(artifacts, `${name.replace(/[^a-z0-9]+/gi, '-')}.png`);
      await page.screenshot({ path: file, fullPage: true }).catch(() => {});
      err.message += `\n(screenshot: ${file})`;
      throw err;
    }
  });
}

async function apiGet(route) {
  const response = await fetch(`${base}/api/${route}`);
  assert.equal(response.status, 200, `GET /api/${route}: ${response.status}`);
  return response.json();
}

async function open(hash) {
  await page.goto(`${base}/${hash}`);
  await page.waitForSelector('main[aria-busy="false"]');
}

function article(file) {
  return JSON.parse(readFileSync(path.join(articlesDir, file), 'utf8'));
}

uiTest('the home page lists every article of the corpus', async () => {
  const stats = await apiGet('stats');
  assert.equal(stats.articles, readdirSync(articlesDir).filter((f) => f.endsWith('.json')).length);
  await open('#/');
  const items = page.getByTestId('articles').locator('li');
  assert.equal(await items.count(), stats.articles);
  await page.getByRole('link', { name: article('floods-minho.json').title }).waitFor();
  assert.equal(await page.getByTestId('stats').locator('.stat').first().locator('strong').textContent(), String(stats.articles));
});

uiTest('search finds the articles that name a town and opens one', async () => {
  await open('#/');
  await page.getByRole('searchbox', { name: 'Search the corpus' }).fill('Barcelos');
  await page.getByRole('button', { name: 'Search' }).click();
  const results = page.getByTestId('search-articles').locator('li');
  await results.first().waitFor();
  // Both flood reports name Barcelos; the one about the Andes does not.
  const titles = await results.locator('a').allTextContents();
  assert.deepEqual(titles.sort(), [article('floods-followup.json').title, article('floods-minho.json').title].sort());
  assert.ok(await results.first().locator('.snippet b').count() > 0, 'the matched word is marked in the snippet');
  await page.getByTestId('search-articles').getByRole('link', { name: article('floods-minho.json').title }).click();
  await page.getByTestId('article-view').waitFor();
  const text = await page.getByTestId('article-text').textContent();
  assert.equal(text, article('floods-minho.json').text);
});

/** Checks that the article view shows every fact of `doc` (the API's article) in its text. */
async function checkHighlights(doc) {
  const body = page.getByTestId('article-text');
  assert.equal(await body.textContent(), doc.article.text);
  // Every time is marked, its value in the tooltip.
  for (const t of doc.times) {
    const marks = body.locator('mark.time', { hasText: t.text });
    assert.ok(await marks.count() > 0, `time ${t.text} is marked`);
    if (t.value) {
      const titles = await marks.evaluateAll((ms) => ms.map((m) => m.title));
      assert.ok(titles.some((title) => title.includes(t.value)), `${t.text}: ${t.value} in ${titles}`);
    }
  }
  for (const c of doc.counts) {
    const mark = body.locator('mark.count', { hasText: c.text }).first();
    assert.equal(await mark.textContent(), c.text);
    assert.equal(await mark.getAttribute('title'), `${c.kind}: ${c.value}`);
  }
  for (const e of doc.entities) {
    assert.ok(await body.locator(`mark.ent[title^="${e.name.replace(/"/g, '\\"')} ("]`).count() > 0, `entity ${e.name} is marked`);
  }
  // Direct quotes, their speaker shown on hover.
  const direct = body.locator('.quote-direct');
  assert.equal(await direct.count(), doc.quotes.filter((q) => q.kind === 'direct').length);
  for (const q of doc.quotes.filter((q) => q.kind === 'direct')) {
    const shown = direct.filter({ hasText: q.text }).first();
    assert.equal(await shown.textContent(), q.text);
    assert.equal(await shown.getAttribute('data-speaker'), q.speaker || 'unknown speaker');
  }
  if (doc.quotes.length) {
    const first = direct.first();
    await first.hover();
    // The speaker appears beside the quote (a CSS ::after box with its name).
    const after = await first.evaluate((q) => getComputedStyle(q, '::after').content);
    assert.equal(after, `"— ${await first.getAttribute('data-speaker')}"`);
  }
}

uiTest('an article shows its facts highlighted in the text', async () => {
  for (const [words, file] of [['Cristo Redentor', 'ministers-santiago.json'], ['torrential rain', 'floods-minho.json']]) {
    const search = await apiGet(`search?q=${encodeURIComponent(words)}`);
    const id = search.articles[0].article.id;
    const doc = await apiGet(`articles/${id}`);
    assert.equal(doc.article.title, article(file).title);
    await open(`#/article/${id}`);
    await checkHighlights(doc);
  }
  // "Tuesday" is the day before publication (2025-04-02); the times extractor resolves it.
  const search = await apiGet(`search?q=${encodeURIComponent('Cristo Redentor')}`);
  await open(`#/article/${search.articles[0].article.id}`);
  const body = page.getByTestId('article-text');
  assert.match(await body.locator('mark.time', { hasText: 'Tuesday' }).getAttribute('title'), /2025-04-01/);
  // The flood report states its dead and injured; the counts extractor finds both.
  const floods = await apiGet(`search?q=torrential`);
  await open(`#/article/${floods.articles[0].article.id}`);
  assert.equal(await page.getByTestId('article-text').locator('mark.count', { hasText: 'killed nine people' }).getAttribute('title'), 'killed: 9');
});

uiTest('the timeline lists the events and opens one onto its sources', async () => {
  const { events } = await apiGet('timeline');
  await open('#/timeline');
  const shown = page.getByTestId('event');
  assert.equal(await shown.count(), events.length);
  if (!events.length) {
    await page.getByText('The corpus has no events yet.').waitFor();
    return;
  }
  const first = shown.first();
  await first.locator('summary').click();
  const sources = first.getByTestId('sources').locator('li');
  await sources.first().waitFor();
  assert.equal(await sources.count(), events[0].sources.length);
  for (const s of events[0].sources) {
    await first.getByRole('link', { name: s.article.title || s.article.source }).waitFor();
  }
  // Each report's sentence, its trigger words marked.
  const evidence = await apiGet(`events/${events[0].id}/evidence`);
  const sentences = await first.getByTestId('evidence').evaluateAll((bs) => bs.map((b) => [b.textContent, b.querySelector('.trigger')?.textContent]));
  const expected = evidence.map((e) => [e.sentence, Array.from(e.sentence).slice(e.trigger_start, e.trigger_end).join('')]);
  assert.deepEqual(sentences.sort(), expected.sort());
});

uiTest('the timeline filters by date', async () => {
  await open('#/timeline?from=2025-04-01');
  const { events } = await apiGet('timeline?from=2025-04-01');
  assert.equal(await page.getByTestId('event').count(), events.length);
  assert.match(await page.getByTestId('timeline-count').textContent(), /from 2025-04-01/);
  await open('#/timeline?from=2025-13-01');
  await page.getByRole('alert').filter({ hasText: 'from' }).waitFor();
});

uiTest('hostile article text is shown as text and never runs', async () => {
  const hostile = article('hostile.json');
  const search = await apiGet('search?q=transport+budget');
  const id = search.articles[0].article.id;
  await open(`#/article/${id}`);
  const body = page.getByTestId('article-text');
  assert.equal(await body.textContent(), hostile.text);
  assert.equal(await page.locator('h2').first().textContent(), hostile.title);
  assert.equal(await page.locator('main img, main iframe, main script, main b, main style').count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  // The list and search pages show the hostile title as text too.
  await open('#/search?q=council');
  await page.getByText(hostile.title, { exact: true }).waitFor();
  await open('#/');
  await page.getByText(hostile.title, { exact: true }).waitFor();
  assert.equal(await page.locator('main img').count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
});

uiTest('Analyze shows a pasted article with its facts, escaped', async () => {
  await open('#/analyze');
  const text = 'Police in Lyon arrested 14 people on Friday. <img src=x onerror="window.__pwned=1">';
  await page.getByRole('textbox', { name: 'Article text' }).fill(text);
  await page.getByLabel('Published').fill('2025-06-09');
  await page.getByRole('button', { name: 'Analyze' }).click();
  const body = page.getByTestId('article-text');
  await body.waitFor();
  assert.equal(await body.textContent(), text);
  assert.match(await body.locator('mark.time', { hasText: 'Friday' }).getAttribute('title'), /2025-06-06/);
  assert.equal(await page.locator('main img').count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
});

uiTest('the actor network and the map draw what the API has', async () => {
  const net = await apiGet('network');
  await open('#/network');
  if (net.edges.length) {
    assert.equal(await page.getByTestId('network').locator('g.node').count(), net.nodes.length);
  } else {
    await page.getByText('no network to draw').waitFor();
  }
  const places = (await apiGet('places')).filter((p) => p.lat !== null);
  await open('#/map');
  if (places.length) {
    assert.equal(await page.getByTestId('map').locator('circle.place-dot').count(), places.length);
  } else {
    await page.getByText('No geocoded places').waitFor();
  }
});

test('the page raised no errors and broke no Content-Security-Policy rule', () => {
  assert.deepEqual(pageErrors.filter((e) => !e.includes('status of 400')), []);
});
