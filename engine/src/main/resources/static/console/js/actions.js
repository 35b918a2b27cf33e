// Pause, resume and trigger: offered only to roles that may do them (the engine checks again), each confirmed first.

import { post, segment } from './api.js';
import { confirmAction } from './dialog.js';
import { h } from './dom.js';
import { showNotice, showProblem } from './messages.js';

/** True when the caller's role may pause, resume and trigger jobs (docs/security.md). */
export function mayOperate(caller) {
  return caller.role === 'admin' || caller.role === 'operator';
}

/**
 * The buttons for one job, or none for a viewer. `changed(job, run)` is called after a change went through, with the
 * job as the engine now has it (pause, resume) or the run started (trigger).
 */
export function jobActions(job, caller, changed) {
  if (!mayOperate(caller)) {
    return [];
  }
  const paused = job.state === 'paused';
  const toggle = button(paused ? 'resume' : 'pause', () => changeState(job, paused ? 'resume' : 'pause', changed));
  const trigger = button('trigger', () => triggerRun(job, changed));
  if (paused) {
    trigger.disabled = true;
    trigger.title = 'A paused job cannot be triggered: resume it first.';
  }
  return [h('div', { class: 'actions' }, toggle, trigger)];
}

/** What pausing and resuming do, as the confirmation says it. */
const STATE_CHANGES = {
  pause: {
    message:
      'Its timers stop firing on every engine node until it is resumed, and it cannot be triggered meanwhile; runs ' +
      'already started go on. The fire ledger records the fires due meanwhile as paused.',
    done: (key) => `${key} is paused.`,
  },
  resume: {
    message: 'Its timers fire again on every engine node, and it can be triggered again.',
    done: (key) => `${key} is active again.`,
  },
};

const LABELS = { pause: 'Pause', resume: 'Resume', trigger: 'Trigger' };

function button(action, onclick) {
  return h('button', { type: 'button', dataset: { action }, onclick }, LABELS[action]);
}

async function changeState(job, action, changed) {
  const { message, done } = STATE_CHANGES[action];
  const what = `${LABELS[action]} ${job.key}`;
  if (await confirmAction({ title: `${what}?`, message, confirmLabel: `${LABELS[action]} job` })) {
    await perform(what, () => post(`/api/v1/jobs/${segment(job.key)}/${action}`), (updated) => {
      showNotice(done(job.key));
      changed(updated);
    });
  }
}

async function triggerRun(job, changed) {
  const input = await confirmAction({
    title: `Trigger ${job.key}?`,
    message: 'Starts a run now, besides its schedule.',
    confirmLabel: 'Start run',
    withRunInput: true,
  });
  if (input) {
    await perform(
      `Trigger ${job.key}`,
      () => post(`/api/v1/jobs/${segment(job.key)}/trigger`, input),
      (run) => {
        showNotice('Run ', h('code', {}, run.id), ` of ${job.key} started (${run.outcome}).`);
        changed(job, run);
      },
    );
  }
}

async function perform(what, request, done) {
  let result;
  try {
    result = await request();
  } catch (error) {
    showProblem(error, what);
    return;
  }
  done(result);
}
