// The server's work-done progress (one per running query, created with window/workDoneProgress/create) shown as a
// cancellable notification. vscode-languageclient's own ProgressFeature shows every server progress at
// ProgressLocation.Window: a status-bar spinner with no Cancel, beside our own status item. This feature is
// registered after the built-in ones, so on every (re)start its handler for the create request replaces theirs.
import * as vscode from 'vscode';
import type { BaseLanguageClient, FeatureState, StaticFeature } from 'vscode-languageclient';
import {
  WorkDoneProgress, WorkDoneProgressCancelNotification, WorkDoneProgressCreateRequest,
  type ProgressToken, type WorkDoneProgressBegin, type WorkDoneProgressReport,
} from 'vscode-languageclient';

/** One server progress: a notification from `begin` until `end` (or until the user presses Cancel). */
class NotificationPart {
  private progress: vscode.Progress<{ message?: string; increment?: number }> | undefined;
  private finish: (() => void) | undefined;
  private reported = 0;
  private readonly listener: vscode.Disposable;
  private ended = false;

  constructor(private readonly client: BaseLanguageClient, private readonly token: ProgressToken, private readonly onEnd: (part: NotificationPart) => void) {
    this.listener = client.onProgress(WorkDoneProgress.type, token, (value) => {
      if (value.kind === 'begin') this.begin(value);
      else if (value.kind === 'report') this.report(value);
      else this.end();
    });
  }

  private begin(params: WorkDoneProgressBegin): void {
    if (this.ended) return;
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: params.title, cancellable: params.cancellable === true },
      (progress, cancel) => {
        this.progress = progress;
        // Cancel sends the LSP cancel for this token: the server cancels the job and keeps its bracket ('unresolved').
        cancel.onCancellationRequested(() => {
          void this.client.sendNotification(WorkDoneProgressCancelNotification.type, { token: this.token });
        });
        this.report(params);
        return new Promise<void>((resolve) => {
          this.finish = resolve;
          if (this.ended) resolve();
        });
      },
    );
  }

  private report(params: WorkDoneProgressReport | WorkDoneProgressBegin): void {
    if (!this.progress) return;
    // VS Code's notification bar takes increments; the server sends absolute percentages.
    const increment = params.percentage === undefined ? undefined : Math.max(0, Math.min(100, params.percentage) - this.reported);
    if (increment !== undefined) this.reported += increment;
    this.progress.report({ ...(params.message !== undefined ? { message: params.message } : {}), ...(increment ? { increment } : {}) });
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.listener.dispose();
    this.finish?.();
    this.onEnd(this);
  }
}

export class NotificationProgressFeature implements StaticFeature {
  private readonly parts = new Set<NotificationPart>();

  constructor(private readonly client: BaseLanguageClient) {}

  getState(): FeatureState {
    return { kind: 'window', id: WorkDoneProgressCreateRequest.method, registrations: this.parts.size > 0 };
  }

  fillClientCapabilities(capabilities: { window?: { workDoneProgress?: boolean } }): void {
    capabilities.window = { ...capabilities.window, workDoneProgress: true };
  }

  initialize(): void {
    this.client.onRequest(WorkDoneProgressCreateRequest.type, (params) => {
      this.parts.add(new NotificationPart(this.client, params.token, (part) => this.parts.delete(part)));
    });
  }

  clear(): void {
    for (const part of [...this.parts]) part.end();
    this.parts.clear();
  }
}
