// The message bar under the header: errors (the engine's problem detail) and confirmations of what was done.

import { h } from './dom.js';

const bar = () => document.getElementById('messages');

/** Shows a refused or failed call: its title, its detail and the HTTP status. */
export function showProblem(error, context) {
  const status = error.status ? ` (HTTP ${error.status})` : '';
  show(
    'problem',
    'alert',
    h('strong', {}, context ? `${context}: ${error.title ?? 'failed'}` : (error.title ?? 'Failed')),
    status,
    error.detail ? h('span', { class: 'detail' }, error.detail) : null,
  );
}

/** Shows what was done, e.g. "Run 1f… started". */
export function showNotice(...content) {
  show('notice', 'status', ...content);
}

export function clearMessages() {
  bar().replaceChildren();
}

function show(kind, role, ...content) {
  const message = h(
    'div',
    { class: `message ${kind}`, role },
    h('div', { class: 'message-text' }, ...content),
    h('button', { type: 'button', class: 'link', 'aria-label': 'Dismiss', onclick: () => message.remove() }, '×'),
  );
  bar().replaceChildren(message);
}
