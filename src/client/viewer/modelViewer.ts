// The model viewer: the default editor of *.onnx (a CustomReadonlyEditorProvider; "Open With… → Text Editor" stays
// available). It only reads: the server reports the model (ModelView) and, for a box the user enters, the neuron
// states (NeuronStates). Its buttons run the existing commands on the model, which keep their own Workspace Trust
// gate (RunGate). Messages are the typed unions of src/shared/modelViewer.ts; the HTML and CSP come from ./viewerHtml.ts.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { FromViewer, ToViewer, ViewerAction, ViewerBoundMethod } from '../../shared/modelViewer';
import { ModelView, NeuronStates } from '../../shared/protocol';
import { ClientCommands, modelViewerViewType } from '../commandIds';
import type { Logger } from '../log';
import { errorMessage } from '../log';
import { buildCsp, makeNonce } from '../panel/html';
import { buildViewerHtml } from './viewerHtml';

/** The command each button runs, with the model's Uri as its argument (as the explorer's context menu does). */
const ACTION_COMMANDS: Readonly<Record<ViewerAction, string>> = {
  certify: ClientCommands.certifyModel,
  compare: ClientCommands.compareNetworks,
  prune: ClientCommands.pruningSweep,
  openQueries: ClientCommands.openQueries,
};

interface RememberedBox {
  readonly box: ReadonlyArray<readonly [number, number]>;
  readonly method: ViewerBoundMethod;
}

/** What each open viewer last showed, by model path, for the integration-test hook `invcert.test.viewerState`. */
export interface ViewerTestState {
  readonly csp: string;
  readonly rendered: Array<Extract<FromViewer, { type: 'rendered' }>>;
}

export class ModelViewerProvider implements vscode.CustomReadonlyEditorProvider {
  readonly testState = new Map<string, ViewerTestState>();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: LanguageClient,
    private readonly logger: Logger,
  ) {}

  static register(context: vscode.ExtensionContext, client: LanguageClient, logger: Logger): ModelViewerProvider {
    const provider = new ModelViewerProvider(context, client, logger);
    context.subscriptions.push(vscode.window.registerCustomEditorProvider(modelViewerViewType, provider, {
      webviewOptions: { retainContextWhenHidden: true },
      supportsMultipleEditorsPerDocument: true,
    }));
    return provider;
  }

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): void {
    const { uri } = document;
    const path = uri.fsPath;
    const extensionUri = this.context.extensionUri;
    const roots = [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')];
    panel.webview.options = { enableScripts: true, enableForms: false, localResourceRoots: roots };
    const nonce = makeNonce();
    const remembered = this.context.workspaceState.get<RememberedBox>(boxKey(path));
    panel.webview.html = buildViewerHtml({
      cspSource: panel.webview.cspSource,
      nonce,
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'viewer.js')).toString(),
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'viewer.css')).toString(),
      initialState: { fileName: uri.path.split('/').pop() ?? path, ...(remembered ? { box: remembered.box, method: remembered.method } : {}) },
    });
    const test: ViewerTestState = { csp: buildCsp(panel.webview.cspSource, nonce), rendered: [] };
    this.testState.set(path, test);

    const post = (message: ToViewer): void => void panel.webview.postMessage(message);
    const load = async (): Promise<void> => {
      try {
        post({ type: 'model', view: await this.client.sendRequest(ModelView.type, { path }) });
      } catch (error) {
        this.logger.warn(`model viewer: ${path}: ${errorMessage(error)}`);
        post({ type: 'modelError', message: errorMessage(error) });
      }
    };
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.joinPath(uri, '..'), uri.path.split('/').pop() ?? ''));
    const disposables: vscode.Disposable[] = [
      watcher,
      watcher.onDidChange(() => void load()),
      watcher.onDidCreate(() => void load()),
      panel.webview.onDidReceiveMessage(async (message: FromViewer) => {
        switch (message.type) {
          case 'ready':
            await load();
            return;
          case 'computeStates':
            await this.context.workspaceState.update(boxKey(path), { box: message.box, method: message.method } satisfies RememberedBox);
            try {
              post({ type: 'states', states: await this.client.sendRequest(NeuronStates.type, { path, box: message.box, method: message.method }) });
            } catch (error) {
              post({ type: 'statesError', message: errorMessage(error) });
            }
            return;
          case 'action':
            // The command shows its own errors (and the Restricted Mode warning): see registerUserCommand.
            await vscode.commands.executeCommand(ACTION_COMMANDS[message.action], uri);
            return;
          case 'rendered':
            test.rendered.push(message);
            test.rendered.splice(0, test.rendered.length - 20); // the last few are all a test reads
            return;
        }
      }),
    ];
    panel.onDidDispose(() => {
      for (const d of disposables) d.dispose();
      if (this.testState.get(path) === test) this.testState.delete(path);
    });
  }
}

function boxKey(path: string): string {
  return `invcert.viewer.box:${path}`;
}

/** Opens the model viewer on an .onnx file (the "Show Model Summary" command and the explorer's double-click). */
export async function openModelViewer(model: vscode.Uri): Promise<void> {
  await vscode.commands.executeCommand('vscode.openWith', model, modelViewerViewType);
}
