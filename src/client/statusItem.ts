// The status-bar item (what runs, from the server's status notification; rust-analyzer style) and the invq
// LanguageStatusItem (how long the last check of the document took; vscode-eslint style).
import * as vscode from 'vscode';
import type { JobStatus } from '../shared/protocol';
import { describeQuery } from './results/entries';
import type { ResultStore } from './results/store';

export type ServerHealth = { readonly kind: 'starting' } | { readonly kind: 'ready' } | { readonly kind: 'stopped'; readonly message: string };

function jobLine(job: JobStatus): string {
  const { model, query } = describeQuery(job.queryText);
  const fraction = job.fraction !== undefined ? ` ${Math.round(job.fraction * 100)}%` : '';
  return `${query} ${model} — ${job.phase}${fraction}${job.message ? `: ${job.message}` : ''}`;
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
    this.item.show();
  }

  setHealth(health: ServerHealth): void {
    this.health = health;
    this.render();
  }

  /** What the item shows, for the test hook. */
  get text(): string {
    return this.item.text;
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
    } else if (this.health.kind === 'starting') {
      this.item.text = '$(loading~spin) invcert';
      this.item.tooltip = 'Starting the invq language server…';
      this.item.command = 'invcert.showLog';
    } else if (jobs.length === 0) {
      this.item.text = '$(check) invcert';
      this.item.tooltip = 'No queries running. Click to open the results panel.';
      this.item.command = 'invcert.showPanel';
    } else {
      const first = running[0] ?? jobs[0];
      this.item.text =
        jobs.length === 1 ? `$(sync~spin) invcert: ${jobLine(first)}` : `$(sync~spin) invcert: ${running.length} running${queued > 0 ? `, ${queued} queued` : ''}`;
      const tooltip = new vscode.MarkdownString(jobs.map((j) => `- ${jobLine(j)}`).join('\n'));
      tooltip.appendMarkdown('\n\nClick to open the results panel; cancel from the progress notification, the code lens or the panel.');
      this.item.tooltip = tooltip;
      this.item.command = 'invcert.showPanel';
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
