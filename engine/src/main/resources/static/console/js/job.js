// One job: its state and schedule, its diagram with the current run's position, its runs (with shard progress) and
// its fire ledger for the last 24 hours. Refreshed every 15 seconds while shown.

import { jobActions } from './actions.js';
import { get, isAborted, segment } from './api.js';
import { drawDiagram } from './diagram.js';
import { badge, duration, every, h, roughDuration, section, table, time } from './dom.js';
import { schedule } from './jobs.js';
import { showProblem } from './messages.js';

const RUNS_PER_PAGE = 10;
const FIRE_STATUSES = ['on-time', 'late', 'missed', 'skipped-by-policy', 'paused', 'queued'];

export function renderJob(main, { caller, signal, key }) {
  const path = `/api/v1/jobs/${segment(key)}`;
  const options = { signal };
  const summary = section(key);
  const diagram = section('Diagram');
  const runs = section('Runs');
  const fires = section('Fires in the last 24 hours');
  const diagramBox = h('div', { class: 'diagram', dataset: { diagram: key } });
  const diagramCaption = h('p', { class: 'sub', dataset: { field: 'diagram-caption' } });
  diagram.body.append(diagramCaption, diagramBox);
  const runsTable = table(['Outcome', 'Run', 'Business key', 'Started', 'Duration', 'Shards', 'Error'], 'No runs yet.');
  const pager = h('div', { class: 'pager' });
  runs.body.append(runsTable.element, pager);
  const firesTotals = h('p', { class: 'totals', dataset: { field: 'fire-totals' } });
  const firesTable = table(
    ['Due', 'Status', 'Lag', 'Reason', 'Run', 'Node'],
    'No fires recorded in the last 24 hours.',
  );
  fires.body.append(firesTotals, firesTable.element);
  main.replaceChildren(
    h('p', { class: 'crumbs' }, h('a', { href: '#/jobs' }, '← Jobs')),
    summary.element,
    diagram.element,
    runs.element,
    fires.element,
  );

  let page = 0;
  let viewer = null;
  let drawnDefinition = null;
  signal.addEventListener('abort', () => viewer?.destroy());

  let loading = null;
  let again = false;

  /** One load at a time; asked for while one runs (e.g. right after a trigger), another follows it. */
  function load() {
    if (loading) {
      again = true;
      return loading;
    }
    loading = reload().finally(() => {
      loading = null;
      if (again && !signal.aborted) {
        again = false;
        load();
      }
    });
    return loading;
  }

  async function reload() {
    try {
      const job = await get(path, options);
      showSummary(job);
      fires.element.hidden = job.schedule.type === 'on-demand';
      await Promise.all([loadRuns(), loadDiagram(job), fires.element.hidden ? null : loadFires(job)]);
    } catch (error) {
      if (!isAborted(error)) {
        showProblem(error, `Loading job ${key}`);
      }
    }
  }

  function showSummary(job) {
    const name = job.name ? h('span', { class: 'sub' }, ` ${job.name}`) : '';
    summary.element.querySelector('h2').replaceChildren(job.key, name);
    summary.element.dataset.job = job.key;
    summary.body.replaceChildren(
      h(
        'dl',
        { class: 'facts' },
        fact('State', 'state', badge(job.state, 'state')),
        fact('Schedule', 'schedule', schedule(job.schedule)),
        fact('Time zone', 'time-zone', job.timeZone),
        fact(
          'Next fires',
          'next-fires',
          job.nextFireTimes.length
            ? h('ol', { class: 'fire-times' }, job.nextFireTimes.map((t) => h('li', {}, time(t, job.timeZone))))
            : h('span', { class: 'sub' }, job.state === 'paused' ? 'none while paused' : 'none'),
        ),
        fact('Open incidents', 'incidents', String(job.openIncidents)),
        fact('Version', 'version', String(job.version)),
      ),
      ...jobActions(job, caller, () => load()),
    );
  }

  async function loadRuns() {
    const result = await get(`${path}/runs?page=${page}&size=${RUNS_PER_PAGE}`, options);
    // Each run's detail carries its shard progress.
    const details = await Promise.all(
      result.items.map((run) => get(`/api/v1/runs/${segment(run.id)}`, options).catch(() => null)),
    );
    runsTable.fill(result.items.map((run, i) => runRow(run, details[i])));
    const first = result.total ? page * RUNS_PER_PAGE + 1 : 0;
    const last = page * RUNS_PER_PAGE + result.items.length;
    pager.replaceChildren(
      h('button', { type: 'button', disabled: page === 0, onclick: () => turn(-1) }, 'Newer'),
      h('span', {}, ` runs ${first}–${last} of ${result.total} `),
      h('button', { type: 'button', disabled: last >= result.total, onclick: () => turn(1) }, 'Older'),
    );
  }

  function turn(by) {
    page = Math.max(0, page + by);
    loadRuns().catch((error) => isAborted(error) || showProblem(error, 'Loading runs'));
  }

  /** Draws the definition of the latest active run (else of the latest run, else the job's) and marks its position. */
  async function loadDiagram(job) {
    const history = `/engine-rest/history/process-instance?processDefinitionKey=${segment(key)}`
      + '&sortBy=startTime&sortOrder=desc&maxResults=1';
    const [active] = await get(`${history}&unfinished=true`, options);
    const [latest] = active ? [active] : await get(history, options);
    const definitionId = latest?.processDefinitionId ?? job.definitionId;
    if (definitionId !== drawnDefinition) {
      const { bpmn20Xml } = await get(`/engine-rest/process-definition/${segment(definitionId)}/xml`, options);
      viewer?.destroy();
      viewer = null;
      drawnDefinition = definitionId;
      viewer = await drawDiagram(diagramBox, bpmn20Xml);
    }
    const detail = latest ? await get(`/api/v1/runs/${segment(latest.id)}`, options) : null;
    viewer?.showRun(detail);
    diagramCaption.replaceChildren(...caption(latest, active));
  }

  async function loadFires(job) {
    const ledger = `${path}/fires`;
    const [list, ...counts] = await Promise.all([
      get(`${ledger}?size=50`, options),
      ...FIRE_STATUSES.map((status) => get(`${ledger}?status=${status}&size=1`, options)),
    ]);
    firesTotals.replaceChildren(
      ...FIRE_STATUSES.flatMap((status, i) => [badge(status, 'fire'), ` ${counts[i].total}  `]),
    );
    firesTable.fill(list.items.map((fire) => fireRow(fire, job.timeZone)));
  }

  every(15_000, load, signal);
  return load();
}

function fact(label, field, value) {
  return h('div', {}, h('dt', {}, label), h('dd', { dataset: { field } }, value));
}

function caption(latest, active) {
  if (!latest) {
    return ['No run yet: the diagram of the latest version.'];
  }
  const version = `version ${latest.processDefinitionVersion}`;
  return active
    ? ['Where run ', h('code', {}, latest.id), ` (${version}) is now, started `, time(latest.startTime), '.']
    : ['No run is active; the path of the latest run ', h('code', {}, latest.id), ` (${version}).`];
}

function runRow(run, detail) {
  return h(
    'tr',
    { dataset: { run: run.id } },
    h('td', { dataset: { field: 'outcome' } }, badge(run.outcome, 'outcome')),
    h('td', {}, h('code', { title: run.id }, run.id.slice(0, 8))),
    h('td', { dataset: { field: 'business-key' } }, run.businessKey ?? ''),
    h('td', {}, time(run.start)),
    h('td', { class: 'num' }, run.durationMs == null ? `running for ${runningFor(run)}` : duration(run.durationMs)),
    h('td', { dataset: { field: 'shards' } }, detail?.shards.length ? detail.shards.map(shardProgress) : '—'),
    h('td', { class: 'error' }, run.error ?? ''),
  );
}

function runningFor(run) {
  return roughDuration(Date.now() - Date.parse(run.start));
}

function shardProgress(shards) {
  const states = [
    `${shards.completed}/${shards.total} done`,
    shards.active ? `${shards.active} active` : null,
    shards.canceled ? `${shards.canceled} canceled` : null,
  ].filter(Boolean);
  return h(
    'div',
    { class: 'shards', title: shards.activityId },
    h('progress', { max: shards.total || 1, value: shards.completed }),
    ` ${states.join(', ')}`,
  );
}

function fireRow(fire, timeZone) {
  const duplicates = fire.duplicatesRefused ? `${fire.duplicatesRefused} second run(s) refused` : '';
  return h(
    'tr',
    { dataset: { due: fire.due } },
    h('td', {}, time(fire.due, timeZone)),
    h('td', { dataset: { field: 'status' } }, badge(fire.status, 'fire')),
    h('td', { class: 'num' }, fire.lagMillis == null ? '—' : duration(fire.lagMillis)),
    h('td', {}, [fire.reason, duplicates].filter(Boolean).join('; ')),
    h('td', {}, fire.runId ? h('code', { title: fire.runId }, fire.runId.slice(0, 8)) : '—'),
    h('td', { class: 'sub' }, fire.node ?? ''),
  );
}
