// Building the page. Data from the API goes in as text nodes and attribute values only, never parsed as HTML, so a
// job name or business key such as "<img onerror=…>" shows as those characters and runs nothing.

/**
 * Creates an element: h('td', { class: 'num', dataset: { field: 'state' }, onclick: fn }, 'text', node, [more]).
 * Strings become text nodes; null, undefined and false children and attributes are left out.
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (name.startsWith('on')) {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'class') {
      element.className = value;
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null && child !== false) {
      element.append(child instanceof Node ? child : String(child));
    }
  }
  return element;
}

/** A coloured label: badge('paused', 'state'). */
export function badge(text, kind) {
  return h('span', { class: `badge ${kind}-${String(text).replace(/[^a-z-]/g, '')}` }, text);
}

const formats = new Map();

function format(timeZone) {
  const key = timeZone ?? '';
  if (!formats.has(key)) {
    let formatter;
    try {
      formatter = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium', timeZone });
    } catch {
      formatter = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
    }
    formats.set(key, formatter);
  }
  return formats.get(key);
}

/** A <time> with the instant in the browser's zone (or timeZone), the exact ISO instant as tooltip. */
export function time(iso, timeZone) {
  if (!iso) {
    return '—';
  }
  return h('time', { datetime: iso, title: iso }, format(timeZone).format(new Date(iso)));
}

/** "850 ms", "12.4 s", "3 min 5 s", "2 h 10 min". */
export function duration(ms) {
  if (ms === null || ms === undefined) {
    return '—';
  }
  if (ms < 1000) {
    return `${Math.round(ms)} ms`;
  }
  const seconds = ms / 1000;
  if (seconds < 60) {
    return `${seconds.toFixed(1)} s`;
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return `${minutes} min ${Math.floor(seconds % 60)} s`;
  }
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** A duration in whole seconds at least: "8 s", "3 min 5 s" (for times that move on while shown). */
export function roughDuration(ms) {
  return duration(ms).replace(/\.\d s$/, ' s');
}

/** "in 8 s", "3 min ago": how far an instant is from now. */
export function relative(iso, now = Date.now()) {
  const ms = new Date(iso).getTime() - now;
  const text = roughDuration(Math.abs(ms));
  return ms >= 0 ? `in ${text}` : `${text} ago`;
}

/** A section with a heading and a body that screens fill and refill. */
export function section(title, ...actions) {
  const body = h('div', { class: 'section-body' });
  const element = h('section', { class: 'panel' }, h('header', {}, h('h2', {}, title), ...actions), body);
  return { element, body };
}

/** A table with the given column titles; fill(rows) replaces its rows, or shows `empty` when there are none. */
export function table(columns, empty) {
  const tbody = h('tbody');
  const element = h('table', {}, h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c)))), tbody);
  return {
    element,
    fill(rows) {
      tbody.replaceChildren(
        ...(rows.length ? rows : [h('tr', { class: 'empty' }, h('td', { colspan: columns.length }, empty))]),
      );
    },
  };
}

/** Calls fn every ms until signal aborts (the screen is left). */
export function every(ms, fn, signal) {
  const timer = setInterval(fn, ms);
  signal.addEventListener('abort', () => clearInterval(timer));
}
