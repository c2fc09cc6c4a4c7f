/// <reference types="vscode-webview" />
// The webview's side of the message channel: a typed postMessage and the saved view state.
import type { FilterName, FromWebview } from '../shared/webviewMessages';

export interface SavedState {
  readonly selected?: string;
  readonly filter?: FilterName;
  readonly orbitSteps?: number;
  readonly zoomToPair?: boolean;
}

const vscodeApi = acquireVsCodeApi<SavedState>();

export function post<T extends FromWebview>(message: T): void {
  vscodeApi.postMessage(message);
}

export function loadState(): SavedState {
  return vscodeApi.getState() ?? {};
}

export function saveState(state: SavedState): void {
  vscodeApi.setState(state);
}
