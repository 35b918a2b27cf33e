// The live workers: GET /api/v1/workers (the registry in Redis), refreshed every 5 seconds while shown.

import { get, isAborted } from './api.js';
import { every, h, relative, section, table } from './dom.js';
import { showProblem } from './messages.js';

export function renderWorkers(main, { signal }) {
  const workers = table(
    ['Worker', 'Host', 'Topics', 'In flight', 'Capacity', 'Weight', 'Done', 'Failed', 'Started', 'Last heartbeat'],
    'No live workers: none has sent a heartbeat recently.',
  );
  const { element, body } = section('Live workers', h('button', { type: 'button', onclick: () => load() }, 'Refresh'));
  body.append(workers.element);
  main.replaceChildren(element);

  async function load() {
    try {
      const { workers: list } = await get('/api/v1/workers', { signal });
      workers.fill(list.map(row));
    } catch (error) {
      if (!isAborted(error)) {
        showProblem(error, 'Loading the workers');
      }
    }
  }

  every(5_000, load, signal);
  return load();
}

function row(worker) {
  return h(
    'tr',
    { dataset: { worker: worker.id } },
    h(
      'td',
      {},
      h('code', {}, worker.id),
      worker.tags?.length ? h('div', { class: 'sub' }, worker.tags.join(', ')) : null,
      worker.version ? h('div', { class: 'sub' }, `SDK ${worker.version}`) : null,
    ),
    h('td', {}, `${worker.host} (pid ${worker.pid})`),
    h('td', {}, h('ul', { class: 'topics' }, (worker.topics ?? []).map((t) => h('li', {}, h('code', {}, t))))),
    h('td', { class: 'num' }, worker.inFlight),
    h('td', { class: 'num' }, worker.capacity),
    h('td', { class: 'num' }, worker.weight),
    h('td', { class: 'num' }, worker.done),
    h('td', { class: worker.failed ? 'num alarm' : 'num' }, worker.failed),
    h('td', {}, worker.startedAt ? relative(worker.startedAt) : '—'),
    h('td', {}, worker.lastHeartbeat ? relative(worker.lastHeartbeat) : '—'),
  );
}
