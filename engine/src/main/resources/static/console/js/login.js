// The sign-in screen: checks the user and password with GET /api/v1/me before keeping them for this tab.

import { ApiError, basic, get, session } from './api.js';
import { h } from './dom.js';

/** Renders the form; `signedIn(caller)` is called once the engine accepted the credentials. */
export function renderLogin(main, { problem, signedIn }) {
  const user = h('input', { name: 'user', autocomplete: 'username', required: true, autofocus: true });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
  const error = h('div', { class: 'login-problem', role: 'alert' });
  const form = h(
    'form',
    { class: 'login panel', 'aria-label': 'Sign in' },
    h('h1', {}, 'Sign in'),
    h('p', { class: 'hint' }, 'Your Chronoflow user, the same as for Cockpit.'),
    h('label', {}, 'User', user),
    h('label', {}, 'Password', password),
    submit,
    error,
  );
  if (problem) {
    showLoginProblem(error, problem);
  }
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    error.replaceChildren();
    const authorization = basic(user.value.trim(), password.value);
    try {
      const caller = await get('/api/v1/me', { authorization });
      if (!caller.role) {
        throw new ApiError(
          403,
          'No role',
          `User ${caller.id} is in no role group (admin, operator or viewer): ask an admin to give it one.`,
        );
      }
      session.store(authorization);
      password.value = '';
      signedIn(caller);
    } catch (problem) {
      showLoginProblem(error, problem);
      password.select();
    } finally {
      submit.disabled = false;
    }
  });
  main.replaceChildren(form);
  user.focus();
}

function showLoginProblem(error, problem) {
  error.replaceChildren(
    h('strong', {}, problem.title ?? 'Sign-in failed'),
    problem.status ? ` (HTTP ${problem.status})` : '',
    h('span', { class: 'detail' }, problem.detail ?? ''),
    problem.status === 401
      ? h('span', { class: 'hint' }, 'After a wrong password the engine makes that user wait a few seconds.')
      : null,
  );
}
