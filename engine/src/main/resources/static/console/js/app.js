// The console's shell: sign-in, the header, and which screen the address (#/jobs, #/jobs/{key}, #/workers) shows.

import { get, isAborted, session } from './api.js';
import { renderJob } from './job.js';
import { renderJobs } from './jobs.js';
import { renderLogin } from './login.js';
import { clearMessages, showProblem } from './messages.js';
import { renderWorkers } from './workers.js';

const main = document.getElementById('main');
const routes = [
  [/^#\/jobs\/(.+)$/, (context, match) => renderJob(main, { ...context, key: decoded(match[1]) })],
  [/^#\/workers$/, (context) => renderWorkers(main, context)],
  [/^(#\/?(jobs)?)?$/, (context) => renderJobs(main, context)],
];

/** A job key from the address; a malformed escape is taken as written (the API then says there is no such job). */
function decoded(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Who is signed in (GET /api/v1/me), null until known. */
let caller = null;
/** Aborts the shown screen's calls and refreshes when another one is shown. */
let screen = new AbortController();

async function show() {
  screen.abort();
  screen = new AbortController();
  const { signal } = screen;
  if (!session.authorization()) {
    signIn();
    return;
  }
  try {
    caller ??= await get('/api/v1/me', { signal });
  } catch (error) {
    if (!isAborted(error) && error.status !== 401) {
      showProblem(error, 'Asking the engine who you are');
    }
    return;
  }
  showCaller();
  const route = routes.find(([pattern]) => pattern.test(location.hash));
  if (!route) {
    location.hash = '#/jobs';
    return;
  }
  const [pattern, render] = route;
  highlightNav(location.hash);
  await render({ caller, signal }, location.hash.match(pattern));
}

function signIn(problem) {
  screen.abort();
  caller = null;
  showCaller();
  renderLogin(main, {
    problem,
    signedIn(who) {
      caller = who;
      clearMessages();
      show();
    },
  });
}

function showCaller() {
  document.getElementById('nav').hidden = !caller;
  document.getElementById('caller').hidden = !caller;
  document.getElementById('caller-id').textContent = caller?.id ?? '';
  document.getElementById('caller-role').textContent = caller?.role ?? '';
}

function highlightNav(hash) {
  const current = hash.startsWith('#/workers') ? 'workers' : 'jobs';
  for (const link of document.querySelectorAll('[data-nav]')) {
    link.classList.toggle('current', link.dataset.nav === current);
  }
}

document.getElementById('sign-out').addEventListener('click', () => {
  session.clear();
  clearMessages();
  // Whoever signs in next starts at the jobs list (replaceState: no hashchange, no screen for nobody).
  history.replaceState(null, '', '#/jobs');
  signIn();
});

// The stored credentials stopped working (password changed, user locked or deleted): sign in again.
window.addEventListener('cf:unauthorized', (event) => {
  session.clear();
  signIn(event.detail);
});

window.addEventListener('hashchange', () => {
  clearMessages();
  show();
});

show();
