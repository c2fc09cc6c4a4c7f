// The list of every query's result in the workspace: status, model, query, the key number (verdict), time.
// Clicking an entry selects it and reveals the query in its file; running entries have a Cancel button.
// Job progress arrives several times a second, so rows are updated in place (keyed by entry): rebuilding them
// would detach the Cancel button between a person's mouse-down and mouse-up and swallow the click.
import type { FilterName, PanelEntry } from '../shared/webviewMessages';
import { post } from './api';
import { clear, h, setNumberText } from './dom';
import { fmtSeconds } from './format';
import { filters, statusClass } from './model';

export interface ListHandlers {
  readonly onSelect: (key: string) => void;
  readonly onFilter: (filter: FilterName) => void;
}

/** The filter chips; built once, then only their state and counts change. */
export class FilterBar {
  readonly element = h('div', { class: 'filters', role: 'radiogroup', 'aria-label': 'Filter results' });
  private readonly buttons = new Map<FilterName, { button: HTMLElement; count: HTMLElement }>();

  constructor(handlers: ListHandlers) {
    for (const f of filters) {
      const count = h('span', { class: 'count' }, '0');
      const button = h('button', { class: 'filter', role: 'radio', onclick: () => handlers.onFilter(f.name) }, `${f.label} `, count);
      this.buttons.set(f.name, { button, count });
      this.element.append(button);
    }
  }

  update(current: FilterName, counts: ReadonlyMap<FilterName, number>): void {
    for (const [name, { button, count }] of this.buttons) {
      button.classList.toggle('active', name === current);
      button.setAttribute('aria-checked', name === current ? 'true' : 'false');
      count.textContent = String(counts.get(name) ?? 0);
    }
  }
}

interface Row {
  readonly element: HTMLElement;
  readonly model: HTMLElement;
  readonly query: HTMLElement;
  readonly side: HTMLElement;
  readonly verdict: HTMLElement;
  readonly file: HTMLElement;
  /** The job the Cancel button in `side` cancels, if one is shown. */
  cancelFor?: string;
}

function cancelButton(jobId: string): HTMLElement {
  const cancel = h('vscode-button', { secondary: true, class: 'cancel', title: 'Cancel this query' }, 'Cancel');
  cancel.addEventListener('click', (event) => {
    event.stopPropagation();
    post({ type: 'cancel', jobId });
  });
  return cancel;
}

export class EntryList {
  readonly element = h('div', { class: 'list-body' });
  private readonly list = h('ul', { class: 'entries', role: 'listbox', 'aria-label': 'Query results' });
  private readonly empty = h('p', { class: 'note empty' });
  private readonly rows = new Map<string, Row>();

  constructor(private readonly handlers: ListHandlers) {}

  update(entries: readonly PanelEntry[], selectedKey: string | undefined, emptyText: string): void {
    if (entries.length === 0) {
      this.empty.textContent = emptyText;
      if (this.empty.parentElement !== this.element) {
        clear(this.element);
        this.element.append(this.empty);
      }
      return;
    }
    if (this.list.parentElement !== this.element) {
      clear(this.element);
      this.element.append(this.list);
    }
    const keep = new Set(entries.map((e) => e.key));
    for (const [key, row] of this.rows) {
      if (!keep.has(key)) {
        row.element.remove();
        this.rows.delete(key);
      }
    }
    // Put rows in order, moving a node only when it is out of place (keeps focus and pointer targets stable).
    let cursor: Element | null = this.list.firstElementChild;
    for (const entry of entries) {
      const row = this.rows.get(entry.key) ?? this.createRow(entry.key);
      this.fill(row, entry, entry.key === selectedKey);
      if (row.element === cursor) cursor = cursor.nextElementSibling;
      else this.list.insertBefore(row.element, cursor);
    }
  }

  private createRow(key: string): Row {
    const model = h('span', { class: 'model' });
    const query = h('span', { class: 'query' });
    const side = h('span', { class: 'side' });
    const verdict = h('div', { class: 'entry-verdict' });
    const file = h('div', { class: 'entry-file' });
    const select = (): void => this.handlers.onSelect(key);
    const element = h(
      'li',
      {
        role: 'option',
        tabindex: 0,
        'data-key': key,
        onclick: select,
        onkeydown: (event: Event) => {
          const pressed = (event as KeyboardEvent).key;
          if (pressed === 'Enter' || pressed === ' ') select();
          else if (pressed === 'ArrowDown') (element.nextElementSibling as HTMLElement | null)?.focus();
          else if (pressed === 'ArrowUp') (element.previousElementSibling as HTMLElement | null)?.focus();
          else return;
          event.preventDefault();
        },
      },
      h('div', { class: 'entry-head' }, model, query, side),
      verdict,
      file,
    );
    const row: Row = { element, model, query, side, verdict, file };
    this.rows.set(key, row);
    return row;
  }

  private fill(row: Row, entry: PanelEntry, selected: boolean): void {
    const running = entry.state === 'running' || entry.state === 'queued';
    row.element.className = `entry ${statusClass(entry)}${selected ? ' selected' : ''}${entry.state === 'stale' ? ' stale' : ''}`;
    row.element.setAttribute('aria-selected', selected ? 'true' : 'false');
    row.element.title = `${entry.file}:${entry.line + 1}\n${entry.queryText}`;
    setText(row.model, entry.model || entry.file);
    setText(row.query, entry.query);
    setNumberText(row.verdict, entry.verdict);
    setText(row.file, `${entry.file}:${entry.line + 1}`);
    const jobId = running ? entry.jobId : undefined;
    if (jobId !== undefined) {
      if (row.cancelFor !== jobId) {
        clear(row.side);
        row.side.append(cancelButton(jobId));
        row.cancelFor = jobId;
      }
    } else {
      if (row.cancelFor !== undefined || row.side.firstElementChild) clear(row.side);
      row.cancelFor = undefined;
      setText(row.side, entry.state === 'stale' ? 'stale' : fmtSeconds(entry.seconds));
    }
  }
}

/** Writes text only when it changed (no needless layout or mutation events). */
function setText(element: HTMLElement, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}
