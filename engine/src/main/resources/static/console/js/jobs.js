// The jobs list: GET /api/v1/jobs, refreshed every 10 seconds while shown.

import { jobActions, mayOperate } from './actions.js';
import { get, isAborted, segment } from './api.js';
import { badge, every, h, relative, section, table, time } from './dom.js';
import { showProblem } from './messages.js';

export function renderJobs(main, { caller, signal }) {
  const columns = ['Job', 'Schedule', 'Time zone', 'Next fire', 'State', 'Last run', 'Open incidents'];
  const jobs = table(mayOperate(caller) ? [...columns, 'Actions'] : columns, 'No jobs are deployed.');
  const refresh = h('button', { type: 'button', onclick: () => load() }, 'Refresh');
  const { element, body } = section('Jobs', refresh);
  body.append(jobs.element);
  main.replaceChildren(element);

  async function load() {
    try {
      const { jobs: list } = await get('/api/v1/jobs', { signal });
      jobs.fill(list.map((job) => row(job, caller, load)));
    } catch (error) {
      if (!isAborted(error)) {
        showProblem(error, 'Loading the jobs');
      }
    }
  }

  every(10_000, load, signal);
  return load();
}

function row(job, caller, reload) {
  return h(
    'tr',
    { dataset: { job: job.key } },
    h(
      'td',
      { dataset: { field: 'key' } },
      h('a', { href: `#/jobs/${segment(job.key)}` }, job.key),
      job.name && job.name !== job.key ? h('div', { class: 'sub' }, job.name) : null,
    ),
    h('td', { dataset: { field: 'schedule' } }, schedule(job.schedule)),
    h('td', { dataset: { field: 'time-zone' } }, job.timeZone),
    h('td', { dataset: { field: 'next-fire' } }, nextFire(job)),
    h('td', { dataset: { field: 'state' } }, badge(job.state, 'state')),
    h('td', { dataset: { field: 'last-run' } }, lastRun(job.lastRun)),
    h('td', { dataset: { field: 'incidents' }, class: job.openIncidents ? 'num alarm' : 'num' }, job.openIncidents),
    mayOperate(caller) ? h('td', {}, jobActions(job, caller, reload)) : null,
  );
}

/** "cycle 0 30 2 * * ?", "on demand". */
export function schedule(value) {
  if (!value || value.type === 'on-demand') {
    return h('span', { class: 'sub' }, 'on demand');
  }
  return [h('span', { class: 'sub' }, `${value.type} `), h('code', {}, value.expression)];
}

function nextFire(job) {
  const [first, ...rest] = job.nextFireTimes ?? [];
  if (!first) {
    return h('span', { class: 'sub' }, job.state === 'paused' ? 'paused' : '—');
  }
  return h(
    'span',
    { title: rest.length ? `then ${rest.join(', ')}` : undefined },
    time(first, job.timeZone),
    h('span', { class: 'sub' }, ` ${relative(first)}`),
  );
}

function lastRun(run) {
  if (!run) {
    return h('span', { class: 'sub' }, 'never ran');
  }
  return [badge(run.outcome, 'outcome'), h('span', { class: 'sub' }, ` ${relative(run.start)}`)];
}
