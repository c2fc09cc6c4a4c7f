// The panel's view model: which entries a filter shows. Pure (no DOM): unit-tested under node.
import type { FilterName, PanelEntry } from '../shared/webviewMessages';

export const filters: ReadonlyArray<{ readonly name: FilterName; readonly label: string }> = [
  { name: 'all', label: 'All' },
  { name: 'certified', label: 'Certified' },
  { name: 'counterexample', label: 'Counterexample' },
  { name: 'unresolved', label: 'Unresolved' },
  { name: 'matching', label: 'Matching' },
];

export function matchesFilter(entry: PanelEntry, filter: FilterName): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'matching':
      return entry.kind === 'transform' || entry.kind === 'discrepancy' || entry.query.startsWith('match');
    case 'unresolved':
      // Running and queued entries have no verdict yet; they show under "unresolved" too so they stay visible.
      return entry.status === 'unresolved' || entry.status === 'error' || entry.state === 'running' || entry.state === 'queued';
    default:
      return entry.status === filter;
  }
}

export function visibleEntries(entries: readonly PanelEntry[], filter: FilterName): PanelEntry[] {
  return entries.filter((e) => matchesFilter(e, filter));
}

/** CSS class for an entry's status colour. */
export function statusClass(entry: PanelEntry): string {
  if (entry.state === 'running' || entry.state === 'queued') return 'status-running';
  return `status-${entry.status ?? 'unresolved'}`;
}
