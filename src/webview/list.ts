// The list of every query's result in the workspace: status, model, query, the key number (verdict), time.
// Clicking an entry selects it and reveals the query in its file; running entries have a Cancel button.
import type { FilterName, PanelEntry } from '../shared/webviewMessages';
import { post } from './api';
import { h } from './dom';
import { fmtSeconds } from './format';
import { filters, statusClass } from './model';

export interface ListHandlers {
  readonly onSelect: (entry: PanelEntry) => void;
  readonly onFilter: (filter: FilterName) => void;
}

export function renderFilterBar(current: FilterName, counts: ReadonlyMap<FilterName, number>, handlers: ListHandlers): HTMLElement {
  return h(
    'div',
    { class: 'filters', role: 'radiogroup', 'aria-label': 'Filter results' },
    ...filters.map((f) =>
      h(
        'button',
        {
          class: `filter${f.name === current ? ' active' : ''}`,
          role: 'radio',
          'aria-checked': f.name === current ? 'true' : 'false',
          onclick: () => handlers.onFilter(f.name),
        },
        `${f.label} `,
        h('span', { class: 'count' }, String(counts.get(f.name) ?? 0)),
      ),
    ),
  );
}

function cancelButton(jobId: string): HTMLElement {
  const cancel = h('vscode-button', { secondary: true, class: 'cancel', title: 'Cancel this query' }, 'Cancel');
  cancel.addEventListener('click', (event) => {
    event.stopPropagation();
    post({ type: 'cancel', jobId });
  });
  return cancel;
}

function row(entry: PanelEntry, selected: boolean, handlers: ListHandlers): HTMLElement {
  const running = entry.state === 'running' || entry.state === 'queued';
  const jobId = entry.jobId;
  const select = (): void => handlers.onSelect(entry);
  const item = h(
    'li',
    {
      class: `entry ${statusClass(entry)}${selected ? ' selected' : ''}${entry.state === 'stale' ? ' stale' : ''}`,
      role: 'option',
      tabindex: 0,
      'aria-selected': selected ? 'true' : 'false',
      'data-key': entry.key,
      title: `${entry.file}:${entry.line + 1}\n${entry.queryText}`,
      onclick: select,
      onkeydown: (event: Event) => {
        const key = (event as KeyboardEvent).key;
        const self = event.currentTarget as HTMLElement;
        if (key === 'Enter' || key === ' ') select();
        else if (key === 'ArrowDown') (self.nextElementSibling as HTMLElement | null)?.focus();
        else if (key === 'ArrowUp') (self.previousElementSibling as HTMLElement | null)?.focus();
        else return;
        event.preventDefault();
      },
    },
    h(
      'div',
      { class: 'entry-head' },
      h('span', { class: 'model' }, entry.model || entry.file),
      h('span', { class: 'query' }, entry.query),
      running && jobId ? cancelButton(jobId) : h('span', { class: 'time' }, entry.state === 'stale' ? 'stale' : fmtSeconds(entry.seconds)),
    ),
    h('div', { class: 'entry-verdict' }, entry.verdict),
    h('div', { class: 'entry-file' }, `${entry.file}:${entry.line + 1}`),
  );
  return item;
}

export function renderList(entries: readonly PanelEntry[], selectedKey: string | undefined, handlers: ListHandlers, emptyText: string): HTMLElement {
  if (entries.length === 0) return h('p', { class: 'note empty' }, emptyText);
  return h('ul', { class: 'entries', role: 'listbox', 'aria-label': 'Query results' }, ...entries.map((e) => row(e, e.key === selectedKey, handlers)));
}
