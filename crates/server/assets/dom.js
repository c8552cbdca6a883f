// DOM and API helpers shared by the views.
//
// Article text and everything extracted from it is untrusted. It only ever reaches the page
// through text nodes (`el` children, `textContent`) and through attributes set here, never as
// HTML: no view uses innerHTML, and the Content-Security-Policy forbids inline script.

const SVG_NS = 'http://www.w3.org/2000/svg';

// Attributes that would run script or load from elsewhere are refused outright; links are
// only ever built by the views themselves, to `#/...` routes of this page.
function setAttributes(node, attrs) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (/^on/i.test(name) || name === 'style' || name === 'srcdoc') {
      throw new Error(`refusing to set attribute ${name}`);
    }
    if (name === 'href' && !String(value).startsWith('#/') && !String(value).startsWith('/')) {
      throw new Error(`refusing link to ${value}`);
    }
    node.setAttribute(name, value === true ? '' : String(value));
  }
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** An HTML element: `el('a', {href: '#/x'}, 'text', otherNode)`. Strings become text nodes. */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  setAttributes(node, attrs);
  return append(node, children);
}

/** An SVG element, like `el`. */
export function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttributes(node, attrs);
  return append(node, children);
}

/** Empties `node` and fills it with `children`. */
export function replace(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}

/** A link to a route of this page: `link('#/article/3', 'Title')`. */
export function link(route, ...children) {
  return el('a', { href: route }, ...children);
}

/** The route of a page with query parameters, leaving out empty ones. */
export function route(path, params = {}) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') query.set(k, v);
  }
  const q = query.toString();
  return q ? `#/${path}?${q}` : `#/${path}`;
}

/** An error the API answered, with its message. */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** GETs (or, with `init`, sends) `/api/<path>` and returns its JSON. */
export async function api(path, params = {}, init = undefined) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') query.set(k, v);
  }
  const q = query.toString();
  const response = await fetch(`/api/${path}${q ? `?${q}` : ''}`, init);
  let body = null;
  try {
    body = await response.json();
  } catch {
    // A body that is not JSON is reported by status below.
  }
  if (!response.ok) {
    throw new ApiError(response.status, (body && body.error) || `HTTP ${response.status}`);
  }
  return body;
}

/** A message box for errors and empty results. */
export function notice(text, kind = 'info') {
  return el('p', { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}

/** "3 articles", "1 article". */
export function plural(n, word, words = `${word}s`) {
  return `${n} ${n === 1 ? word : words}`;
}

/**
 * Splits `text` (a string) by code points, as the API's offsets count. Returns a function that
 * slices [start, end) in code points.
 */
export function codePointSlicer(text) {
  const points = Array.from(text);
  return {
    length: points.length,
    slice: (start, end) => points.slice(start, end).join(''),
  };
}
