// Renders the component trees (docs/sdk.md §Using the client) and turns a button, an approval or a form into an answer
// {action, values?}. A type this page does not know renders as a readable fallback, never as nothing.
import { el } from './dom.js';
import { markdown } from './markdown.js';

let formCount = 0;

/** context: {answerable: boolean, onAnswer({action, values?}), onTyping()} */
export function renderComponents(components, context) {
  const root = el('div', { class: 'components' });
  if (!Array.isArray(components)) {
    root.append(fallback({ type: typeof components }));
    return root;
  }
  for (const component of components) root.append(renderComponent(component, context));
  return root;
}

function renderComponent(component, context) {
  if (!component || typeof component !== 'object') return fallback({ type: String(component) });
  const data = component.data && typeof component.data === 'object' ? component.data : {};
  const render = RENDERERS[component.type];
  try {
    return render ? render(data, context, component) : fallback(component);
  } catch (e) {
    return fallback(component);
  }
}

const str = (value) => (value === undefined || value === null ? '' : String(value));

const RENDERERS = {
  text: (data) => el('p', { class: 'c-text' }, str(data.content)),
  markdown: (data) => markdown(data.content),
  header: (data) => el('h3', { class: 'c-header' }, str(data.title)),
  code: (data) => el('pre', { class: 'c-code', 'data-language': data.language || null },
    el('code', {}, str(data.content))),
  diff: (data) => el('div', { class: 'c-diff' },
    el('div', { class: 'c-diff-file' }, str(data.filePath)),
    ...(Array.isArray(data.hunks) ? data.hunks : []).map((hunk) => el('pre', { class: 'c-diff-hunk' },
      el('span', { class: 'hunk-header' }, str(hunk.header) + '\n'),
      ...(Array.isArray(hunk.lines) ? hunk.lines : []).map((line) => el('span', { class: 'line-' + diffType(line.type) },
        { add: '+', remove: '-' }[line.type] || ' ', str(line.content), '\n'))))),
  kv: (data) => el('dl', { class: 'c-kv' }, ...(Array.isArray(data.entries) ? data.entries : []).flatMap((entry) => [
    el('dt', {}, str(entry.key)), el('dd', {}, str(entry.value))])),
  progress: (data) => {
    const value = Math.max(0, Math.min(100, Number(data.value) || 0));
    return el('div', { class: 'c-progress' },
      el('progress', { max: 100, value, 'aria-label': data.label || 'progress' }),
      el('span', {}, (data.label ? data.label + ' ' : '') + value + '%'));
  },
  card: (data, context, component) => el('section', { class: 'c-card' },
    data.title ? el('h3', {}, str(data.title)) : null,
    renderComponents(component.children || data.children || [], context)),
  button_group: (data, context) => el('div', { class: 'c-buttons', role: 'group' },
    ...(Array.isArray(data.buttons) ? data.buttons : []).map((button) => answerButton(
      str(button.label), str(button.action ?? button.value), button.variant, context))),
  approve_reject: (data, context) => el('div', { class: 'c-buttons', role: 'group' },
    answerButton(data.approveLabel || 'Approve', 'approve', 'primary', context),
    answerButton(data.rejectLabel || 'Reject', 'reject', 'danger', context)),
  form: renderForm,
};

function diffType(type) {
  return type === 'add' || type === 'remove' ? type : 'context';
}

function answerButton(label, action, variant, context) {
  return el('button', {
    type: 'button',
    class: 'answer ' + (['primary', 'danger', 'secondary'].includes(variant) ? variant : 'secondary'),
    'data-action': action,
    disabled: !context.answerable,
    onclick: () => context.onAnswer({ action }),
  }, label);
}

function renderForm(data, context) {
  const formId = 'form-' + ++formCount;
  const fields = Array.isArray(data.fields) ? data.fields : [];
  const form = el('form', { class: 'c-form', novalidate: false });
  for (const field of fields) {
    const id = `${formId}-${str(field.name)}`;
    const required = field.required === true;
    const common = { id, name: str(field.name), required, disabled: !context.answerable, oninput: () => context.onTyping() };
    let input;
    if (field.type === 'select') {
      input = el('select', common, el('option', { value: '' }, '—'),
        ...(Array.isArray(field.options) ? field.options : []).map((o) => el('option', { value: str(o.value) }, str(o.label ?? o.value))));
    } else if (field.type === 'checkbox') {
      input = el('input', { ...common, type: 'checkbox' });
    } else {
      input = el('input', { ...common, type: field.type === 'number' ? 'number' : 'text', step: field.type === 'number' ? 'any' : null });
    }
    const label = el('label', { for: id }, str(field.label || field.name), required ? el('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null);
    form.append(el('div', { class: 'field field-' + (field.type === 'checkbox' ? 'checkbox' : 'input') }, label, input));
  }
  form.append(el('button', { type: 'submit', class: 'answer primary', disabled: !context.answerable }, data.submitLabel || 'Submit'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!form.reportValidity()) return;
    const values = {};
    for (const field of fields) {
      const input = form.elements.namedItem(str(field.name));
      if (!input) continue;
      if (field.type === 'checkbox') values[field.name] = input.checked;
      else if (field.type === 'number') values[field.name] = input.value === '' ? null : Number(input.value);
      else values[field.name] = input.value;
    }
    context.onAnswer({ action: 'submit', values });
  });
  return form;
}

function fallback(component) {
  return el('div', { class: 'c-unknown', role: 'note' },
    el('p', {}, `This message has a part of type “${str(component.type)}” that this inbox cannot show; its data:`),
    el('pre', {}, JSON.stringify(component.data ?? component, null, 2)));
}
