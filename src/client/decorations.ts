// Inline results: the server's annotation text drawn after each query line ("✓ certified r = 0.6553 (4.1 s)"),
// coloured by status with theme colours; stale results dimmed and in italics; cut to end by a fixed column
// (fitInline) with the whole text in the hover.
import * as vscode from 'vscode';
import type { AnnotationKind, InlineAnnotation } from '../shared/protocol';
import type { ResultStore } from './results/store';
import { fitInline } from './inlineText';

const kindColor: Record<AnnotationKind, string> = {
  certified: 'testing.iconPassed',
  counterexample: 'testing.iconFailed',
  unresolved: 'editorWarning.foreground',
  error: 'errorForeground',
  running: 'descriptionForeground',
  stale: 'disabledForeground',
};

const kinds = Object.keys(kindColor) as AnnotationKind[];

function createType(kind: AnnotationKind): vscode.TextEditorDecorationType {
  return vscode.window.createTextEditorDecorationType({
    after: {
      color: new vscode.ThemeColor(kindColor[kind]),
      margin: '0 0 0 2em',
      fontStyle: kind === 'stale' || kind === 'running' ? 'italic' : 'normal',
    },
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
}

export class ResultDecorations implements vscode.Disposable {
  private readonly types = new Map<AnnotationKind, vscode.TextEditorDecorationType>(kinds.map((k) => [k, createType(k)]));
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly store: ResultStore) {
    this.disposables.push(
      store.onDidChangeAnnotations((uri) => {
        for (const editor of vscode.window.visibleTextEditors) {
          if (editor.document.uri.toString() === uri) this.apply(editor);
        }
      }),
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => this.apply(e))),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('invcert.inlineResults.enabled')) vscode.window.visibleTextEditors.forEach((e) => this.apply(e));
      }),
    );
    vscode.window.visibleTextEditors.forEach((e) => this.apply(e));
  }

  private apply(editor: vscode.TextEditor): void {
    if (editor.document.languageId !== 'invq') return;
    const enabled = vscode.workspace.getConfiguration('invcert', editor.document.uri).get<boolean>('inlineResults.enabled', true);
    const annotations = enabled ? this.store.annotationsFor(editor.document.uri.toString()) : [];
    const byKind = new Map<AnnotationKind, vscode.DecorationOptions[]>(kinds.map((k) => [k, []]));
    for (const annotation of annotations) {
      if (annotation.line >= editor.document.lineCount) continue;
      byKind.get(annotation.kind)?.push(this.option(editor.document, annotation));
    }
    for (const [kind, type] of this.types) editor.setDecorations(type, byKind.get(kind) ?? []);
  }

  private option(document: vscode.TextDocument, annotation: InlineAnnotation): vscode.DecorationOptions {
    const line = document.lineAt(annotation.line);
    const end = line.range.end;
    const text = fitInline(annotation.text, line.text.length);
    const whole = text === annotation.text ? undefined : annotation.text;
    const hover = [whole, annotation.tooltip].filter((s) => s !== undefined && s.length > 0).join('\n\n');
    return {
      range: new vscode.Range(end, end),
      ...(hover ? { hoverMessage: hover } : {}),
      renderOptions: { after: { contentText: text } },
    };
  }

  dispose(): void {
    for (const type of this.types.values()) type.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
