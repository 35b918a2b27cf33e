// Browser test of the jobs console against a running engine with the example jobs from bpmn/ deployed, the demo
// worker on (its saga services off, so an order-settlement run waits at its first step) and an operator and a viewer.
// Drives the machine's Chromium with playwright-core; exits 0 when every step passed, 1 at the first failure (with a
// screenshot of that moment). Run by e2e/src/test/java/io/chronoflow/e2e/ConsoleIT.java; by hand:
//   CONSOLE_URL=http://127.0.0.1:8080 OPERATOR_USER=… OPERATOR_PASSWORD=… VIEWER_USER=… VIEWER_PASSWORD=… \
//   SCREENSHOTS=/tmp/shots node console.test.mjs

import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const env = (name, fallback) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined) {
    throw new Error(`set ${name}`);
  }
  return value;
};
const base = env('CONSOLE_URL').replace(/\/$/, '');
const operator = { user: env('OPERATOR_USER'), password: env('OPERATOR_PASSWORD') };
const viewer = { user: env('VIEWER_USER'), password: env('VIEWER_PASSWORD') };
const screenshots = env('SCREENSHOTS', 'screenshots');
const TIMER_JOBS = ['heartbeat-report', 'sharded-sync', 'daily-report-berlin'];
const HEARTBEAT = 'heartbeat-report';
const SAGA = 'order-settlement';

mkdirSync(screenshots, { recursive: true });
const browser = await chromium.launch({
  executablePath: env('CHROMIUM', '/usr/bin/chromium'),
  // The test runs as root in CI, where Chromium's sandbox cannot start.
  args: ['--no-sandbox'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
page.setDefaultTimeout(20_000);
const pageErrors = [];
page.on('pageerror', (error) => pageErrors.push(error.message));
page.on('console', (message) => {
  if (message.text().includes('Content Security Policy')) {
    pageErrors.push(message.text());
  }
});

let failed = false;
async function step(name, body) {
  if (failed) {
    return;
  }
  try {
    await body();
    assert.deepEqual(pageErrors, [], 'errors in the page');
    console.log(`ok - ${name}`);
  } catch (error) {
    failed = true;
    console.log(`not ok - ${name}\n  ${String(error.stack ?? error).replaceAll('\n', '\n  ')}`);
    await shot(`failed-${name.replace(/\W+/g, '-')}`).catch(() => {});
  }
}

const shot = (name) => page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
const row = (key) => page.locator(`tr[data-job="${key}"]`);
const dialog = () => page.locator('dialog.confirm[open]');

/** The job as the API has it, asked as the operator outside the browser. */
async function apiJob(key) {
  const authorization = `Basic ${Buffer.from(`${operator.user}:${operator.password}`).toString('base64')}`;
  const response = await fetch(`${base}/api/v1/jobs/${key}`, { headers: { Authorization: authorization } });
  assert.equal(response.status, 200, `GET /api/v1/jobs/${key}`);
  return response.json();
}

async function signIn({ user, password }) {
  await page.locator('form.login input[name=user]').fill(user);
  await page.locator('form.login input[name=password]').fill(password);
  await page.locator('form.login button[type=submit]').click();
}

/** Clicks an action of a job's row (or of the job page) and confirms it in the dialog. */
async function confirmed(scope, action, confirmLabel) {
  await scope.locator(`button[data-action=${action}]`).click();
  await dialog().waitFor();
  await dialog().getByRole('button', { name: confirmLabel }).click();
  await dialog().waitFor({ state: 'detached' });
}

await step('/ leads to the console, which asks to sign in', async () => {
  await page.goto(`${base}/`);
  assert.match(page.url(), /\/console\/(#.*)?$/);
  await page.locator('form.login').waitFor();
});

await step('a wrong password shows the problem detail', async () => {
  await signIn({ user: viewer.user, password: 'not-the-password' });
  const problem = page.locator('.login-problem');
  await problem.getByText('Valid credentials are required').waitFor();
  assert.match(await problem.innerText(), /Unauthorized[\s\S]*HTTP 401/);
  await shot('login-refused');
});

await step('the operator signs in and sees the example jobs with their next fire times', async () => {
  await signIn(operator);
  await row(HEARTBEAT).waitFor();
  assert.equal(await page.locator('#caller-role').innerText(), 'operator');
  for (const key of TIMER_JOBS) {
    const next = row(key).locator('[data-field=next-fire] time');
    const due = Date.parse(await next.getAttribute('datetime'));
    assert.ok(due > Date.now() - 60_000, `${key}: next fire ${new Date(due).toISOString()} is not upcoming`);
    assert.equal(await row(key).locator('[data-field=state]').innerText(), 'active');
  }
  assert.match(await row(SAGA).locator('[data-field=schedule]').innerText(), /on demand/);
  assert.match(await row('daily-report-berlin').locator('[data-field=time-zone]').innerText(), /Europe\/Berlin/);
  await shot('jobs');
});

await step('pause asks first: cancelling the dialog changes nothing', async () => {
  await row(HEARTBEAT).locator('button[data-action=pause]').click();
  await dialog().getByText(`Pause ${HEARTBEAT}?`).waitFor();
  await shot('pause-dialog');
  await dialog().getByRole('button', { name: 'Cancel' }).click();
  await dialog().waitFor({ state: 'detached' });
  assert.equal(await row(HEARTBEAT).locator('[data-field=state]').innerText(), 'active');
  assert.equal((await apiJob(HEARTBEAT)).state, 'active');
});

await step('pause: the state shows paused and the API agrees', async () => {
  await confirmed(row(HEARTBEAT), 'pause', 'Pause job');
  await row(HEARTBEAT).locator('[data-field=state]').getByText('paused').waitFor();
  const job = await apiJob(HEARTBEAT);
  assert.equal(job.state, 'paused');
  assert.deepEqual(job.nextFireTimes, []);
  assert.ok(await row(HEARTBEAT).locator('button[data-action=trigger]').isDisabled(), 'trigger while paused');
  await page.locator('.message.notice').getByText(`${HEARTBEAT} is paused.`).waitFor();
  await shot('jobs-paused');
});

await step('resume: the state shows active and the API agrees', async () => {
  await confirmed(row(HEARTBEAT), 'resume', 'Resume job');
  await row(HEARTBEAT).locator('[data-field=state]').getByText('active').waitFor();
  assert.equal((await apiJob(HEARTBEAT)).state, 'active');
});

const businessKey = `console-e2e-${Date.now()} <b>not markup</b>`;
await step('trigger with variables: a new run appears in the job runs, where the diagram shows it', async () => {
  await page.goto(`${base}/console/#/jobs/${SAGA}`);
  const summary = page.locator(`section[data-job="${SAGA}"]`);
  await summary.locator('button[data-action=trigger]').click();
  await dialog().locator('textarea[name=variables]').fill('[1, 2]');
  await dialog().getByRole('button', { name: 'Start run' }).click();
  await dialog().getByText('Variables must be a JSON object').waitFor();
  await dialog().locator('input[name=businessKey]').fill(businessKey);
  await dialog()
    .locator('textarea[name=variables]')
    .fill(JSON.stringify({ sku: 'demo-widget', quantity: 2, amount: 1999 }));
  await shot('trigger-dialog');
  await dialog().getByRole('button', { name: 'Start run' }).click();
  await dialog().waitFor({ state: 'detached' });
  await page.locator('.message.notice').getByText('started').waitFor();
  const run = page.locator('tr[data-run]').filter({ hasText: businessKey });
  await run.waitFor();
  // Shown as text: the business key's markup made no element.
  assert.equal(await run.locator('[data-field=business-key] b').count(), 0);
  assert.equal(await run.locator('[data-field=business-key]').innerText(), businessKey);
  assert.equal(await run.locator('[data-field=outcome]').innerText(), 'running');
  // The latest active run is the one the diagram is about: waiting at the saga's first step, nobody serves it here.
  await page.locator('[data-field=diagram-caption]').getByText(await run.getAttribute('data-run')).waitFor();
  if (readFileSync(new URL(`../../bpmn/${SAGA}.bpmn`, import.meta.url), 'utf8').includes('BPMNShape')) {
    await page.locator('.diagram .djs-element.cf-active[data-element-id="reserve"]').waitFor();
  } else {
    await page.locator('.diagram .no-layout').waitFor();
  }
  await shot('job-triggered');
});

await step('a sharded run shows its shard progress', async () => {
  await page.goto(`${base}/console/#/jobs/sharded-sync`);
  await confirmed(page.locator('section[data-job="sharded-sync"]'), 'trigger', 'Start run');
  const runId = await page.locator('.message.notice code').innerText();
  // The demo worker runs the 16 shards under their Redis locks.
  const shards = page.locator(`tr[data-run="${runId}"] [data-field=shards]`);
  await shards.getByText('16/16 done').waitFor({ timeout: 60_000 });
  await page.locator('.diagram .djs-element[data-element-id="sync-shard"]').waitFor();
  await shot('job-shards');
});

await step('a job page shows the run position on the diagram and the fire ledger of the last 24 hours', async () => {
  await page.goto(`${base}/console/#/jobs/${HEARTBEAT}`);
  // Where the current run is, or (none active: the demo worker is quick) the path the latest run took.
  const task = page.locator('.diagram .djs-element[data-element-id="write-report"]');
  await task.and(page.locator('.cf-active, .cf-done')).waitFor();
  await page.locator('[data-field=fire-totals]').getByText('on-time').waitFor();
  // Fires are recorded as they happen; the page refreshes every 15 s.
  await page.locator('tr[data-due] [data-field=status]').first().waitFor({ timeout: 45_000 });
  await page.locator('tr[data-run] [data-field=outcome]').getByText('completed').first().waitFor({ timeout: 45_000 });
  await shot('job');
});

await step('the live workers are listed', async () => {
  await page.locator('nav a[data-nav=workers]').click();
  await page.locator('tr[data-worker^="chronoflow-demo@"]').waitFor();
  await shot('workers');
});

await step('a viewer sees the jobs but no pause, resume or trigger button', async () => {
  await page.locator('#sign-out').click();
  await page.locator('form.login').waitFor();
  await signIn(viewer);
  await row(HEARTBEAT).waitFor();
  assert.equal(await page.locator('#caller-role').innerText(), 'viewer');
  assert.equal(await page.locator('button[data-action]').count(), 0);
  await shot('jobs-viewer');
  await row(HEARTBEAT).locator('[data-field=key] a').click();
  await page.locator('.diagram svg').first().waitFor();
  await page.locator('tr[data-run]').first().waitFor();
  assert.equal(await page.locator('button[data-action]').count(), 0);
});

await browser.close();
console.log(failed ? 'FAILED' : `passed; screenshots in ${screenshots}`);
process.exit(failed ? 1 : 0);
