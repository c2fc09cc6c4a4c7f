// The status-bar item (what runs, from the server's status notification; rust-analyzer style) and the invq
// LanguageStatusItem (how long the last check of the document took; vscode-eslint style). The item is there only
// while queries run (or the server has stopped): one item, never a spinner left behind once the last job ends.
import * as vscode from 'vscode';
import type { JobStatus } from '../shared/protocol';
import type { ResultStore } from './results/store';

export type ServerHealth = { readonly kind: 'starting' } | { readonly kind: 'ready' } | { readonly kind: 'stopped'; readonly message: string };

function jobLine(job: JobStatus): string {
  return `${job.subject}: ${job.phase === 'queued' ? 'queued' : job.message}`;
}

export class StatusItems implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('invcert.status', vscode.StatusBarAlignment.Left, 10);
  private readonly language = vscode.languages.createLanguageStatusItem('invcert.validation', { language: 'invq' });
  private health: ServerHealth = { kind: 'starting' };
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: ResultStore) {
    this.item.name = 'Invertibility Certifier';
    this.language.name = 'Invertibility Certifier';
    this.subscription = store.onDidChange(() => this.render());
    this.render();
  }

  setHealth(health: ServerHealth): void {
    this.health = health;
    this.render();
  }

  /** What the item shows ('' while it is hidden), for the test hook. */
  get text(): string {
    return this.shown ? this.item.text : '';
  }

  private shown = false;

  private show(visible: boolean): void {
    if (visible === this.shown) return;
    this.shown = visible;
    if (visible) this.item.show();
    else this.item.hide();
  }

  private render(): void {
    const jobs = this.store.runningJobs;
    const running = jobs.filter((j) => j.phase !== 'queued');
    const queued = jobs.length - running.length;
    this.item.backgroundColor = undefined;
    if (this.health.kind === 'stopped') {
      this.item.text = '$(error) invcert: server stopped';
      this.item.tooltip = `The invq language server stopped: ${this.health.message}\nClick to restart it.`;
      this.item.command = 'invcert.restartServer';
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
      this.show(true);
    } else if (jobs.length === 0) {
      // Idle or starting: nothing to say in the status bar (the language status item says how the last check went).
      this.show(false);
    } else {
      const current = running[0] ?? jobs[0];
      const counts = [running.length > 0 ? `${running.length} running` : '', queued > 0 ? `${queued} queued` : ''].filter((s) => s).join(', ');
      this.item.text = `$(sync~spin) Invertibility: ${jobs.length === 1 ? current.subject : `${counts} · ${current.subject}`}`;
      const tooltip = new vscode.MarkdownString(jobs.map((j) => `- ${jobLine(j)}`).join('\n'));
      tooltip.appendMarkdown('\n\nClick to open the results panel; cancel from the progress notification, the code lens or the panel.');
      this.item.tooltip = tooltip;
      this.item.command = 'invcert.showPanel';
      this.show(true);
    }
    const validation = this.store.validation;
    this.language.text = validation ? `invq checked in ${validation.millis} ms` : 'invq';
    this.language.detail = jobs.length > 0 ? `${jobs.length} quer${jobs.length === 1 ? 'y' : 'ies'} running` : undefined;
    this.language.busy = jobs.length > 0;
    this.language.severity = this.health.kind === 'stopped' ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Information;
    this.language.command = { title: 'Show Log', command: 'invcert.showLog' };
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
    this.language.dispose();
  }
}
