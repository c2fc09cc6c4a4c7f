// Everything the client knows about results and jobs, fed by the server's notifications; the panel, the
// decorations and the status item listen to it. Re-lists the workspace's results after each finished job and
// after annotation changes (lines moved, results went stale), debounced.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { InlineAnnotation, JobStatus, ResultRecord, ResultSummary, StudySummary } from '../../shared/protocol';
import type { PanelEntry } from '../../shared/webviewMessages';
import type { Logger } from '../log';
import { errorMessage } from '../log';
import { Annotations, ListResults, ResultReady, Status, StudyProgress } from '../../shared/protocol';
import { buildEntries } from './entries';

const relistDelayMs = 250;

export class ResultStore implements vscode.Disposable {
  private summaries: ResultSummary[] = [];
  private studies: StudySummary[] = [];
  private readonly annotations = new Map<string, InlineAnnotation[]>();
  private jobs: JobStatus[] = [];
  private lastValidation: Status.Params['lastValidation'];
  private relistTimer: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when entries, jobs or annotations changed. */
  readonly onDidChange = this.changed.event;
  private readonly annotationsChanged = new vscode.EventEmitter<string>();
  /** Fires with the document URI whose inline annotations changed. */
  readonly onDidChangeAnnotations = this.annotationsChanged.event;
  private readonly resultArrived = new vscode.EventEmitter<ResultRecord>();
  readonly onDidReceiveResult = this.resultArrived.event;
  private readonly studyMoved = new vscode.EventEmitter<StudyProgress.Params>();
  /** Fires when a study gained instances, started or stopped (the panel redraws it if shown). */
  readonly onDidStudyProgress = this.studyMoved.event;

  constructor(
    private readonly client: LanguageClient,
    private readonly logger: Logger,
  ) {
    this.disposables.push(
      client.onNotification(Status.type, (params) => {
        this.jobs = params.jobs;
        this.lastValidation = params.lastValidation ?? this.lastValidation;
        this.changed.fire();
      }),
      client.onNotification(ResultReady.type, (record) => {
        this.logger.info(`Result ${record.result.status} for ${record.uri}:${record.line + 1} — ${record.result.message}`);
        this.resultArrived.fire(record);
        this.scheduleRelist();
      }),
      client.onNotification(Annotations.type, (params) => {
        this.annotations.set(params.uri, params.annotations);
        this.annotationsChanged.fire(params.uri);
        this.scheduleRelist();
      }),
      client.onNotification(StudyProgress.type, (params) => {
        this.studyMoved.fire(params);
        this.scheduleRelist();
      }),
      this.changed,
      this.annotationsChanged,
      this.resultArrived,
      this.studyMoved,
    );
  }

  get runningJobs(): readonly JobStatus[] {
    return this.jobs;
  }

  get validation(): Status.Params['lastValidation'] {
    return this.lastValidation;
  }

  annotationsFor(uri: string): readonly InlineAnnotation[] {
    return this.annotations.get(uri) ?? [];
  }

  entries(): PanelEntry[] {
    return buildEntries({
      summaries: this.summaries,
      studies: this.studies,
      annotations: this.annotations,
      jobs: this.jobs,
      displayPath: (uri) => vscode.workspace.asRelativePath(vscode.Uri.parse(uri), true),
    });
  }

  /** Asks the server for every stored result in the workspace (sidecars included). */
  async relist(): Promise<void> {
    try {
      const { results, studies } = await this.client.sendRequest(ListResults.type, {});
      this.summaries = results;
      this.studies = studies ?? [];
      this.changed.fire();
    } catch (error) {
      this.logger.warn(`Listing results failed: ${errorMessage(error)}`);
    }
  }

  /** True when `key` (`${uri}#${line}`) is a study line the server listed. */
  isStudy(key: string): boolean {
    return this.studies.some((s) => `${s.uri}#${s.line}` === key);
  }

  /** Relists at most every relistDelayMs: a pending relist is not pushed back by later events, or a running study
   * (a notification per instance, several a second) would keep the list unchanged until it stops. */
  scheduleRelist(): void {
    if (this.relistTimer) return;
    this.relistTimer = setTimeout(() => {
      this.relistTimer = undefined;
      void this.relist();
    }, relistDelayMs);
  }

  dispose(): void {
    if (this.relistTimer) clearTimeout(this.relistTimer);
    for (const d of this.disposables) d.dispose();
  }
}
