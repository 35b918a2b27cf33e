// A modal confirmation (<dialog>): nothing that changes a job happens without the operator confirming it here.

import { h } from './dom.js';

/**
 * Asks to confirm an action. With `withRunInput`, also asks for a business key and the run's variables as a JSON
 * object (checked before the dialog closes). Resolves to null when cancelled (button or Escape), else to
 * { businessKey, variables }.
 */
export function confirmAction({ title, message, confirmLabel, withRunInput = false }) {
  const error = h('p', { class: 'field-error', role: 'alert', hidden: true });
  const businessKey = h('input', { name: 'businessKey', autocomplete: 'off', maxlength: 255 });
  const variables = h('textarea', { name: 'variables', rows: 6, spellcheck: 'false' }, '{}');
  const fields = withRunInput
    ? [
        h('label', {}, 'Business key (optional)', businessKey),
        h('label', {}, 'Variables (a JSON object)', variables),
        error,
      ]
    : [];
  const form = h(
    'form',
    { method: 'dialog' },
    h('h2', {}, title),
    h('p', {}, message),
    ...fields,
    h(
      'div',
      { class: 'dialog-buttons' },
      h('button', { type: 'submit', value: 'cancel', formnovalidate: true }, 'Cancel'),
      h('button', { type: 'submit', value: 'confirm', class: 'primary' }, confirmLabel),
    ),
  );
  const dialog = h('dialog', { class: 'confirm', 'aria-label': title }, form);
  variables.addEventListener('input', () => {
    error.hidden = true;
  });
  let input = {};
  form.addEventListener('submit', (event) => {
    if (event.submitter?.value !== 'confirm' || !withRunInput) {
      return;
    }
    try {
      input = { businessKey: businessKey.value.trim() || undefined, variables: parseVariables(variables.value) };
    } catch (problem) {
      event.preventDefault();
      error.textContent = problem.message;
      error.hidden = false;
      variables.focus();
    }
  });
  document.body.append(dialog);
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(dialog.returnValue === 'confirm' ? input : null);
    });
    dialog.showModal();
  });
}

function parseVariables(text) {
  let value;
  try {
    value = JSON.parse(text.trim() || '{}');
  } catch (e) {
    throw new Error(`Variables are not valid JSON: ${e.message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error('Variables must be a JSON object, e.g. {"amount": 42}.');
  }
  return value;
}
