// Command and view ids the client adds to the server-facing `Commands` of src/shared/protocol.ts. Stable:
// integration tests and the manifest (package.json contributes) use them. Pure, so a unit test can check the manifest.
export const ClientCommands = {
  certifyModel: 'invcert.certifyModel',
  compareNetworks: 'invcert.compareNetworks',
  pruningSweep: 'invcert.pruningSweep',
  showLog: 'invcert.showLog',
  showPanel: 'invcert.showPanel',
  restartServer: 'invcert.restartServer',
  /** Arg: a model Uri. Opens the .invq files that use the model (the model viewer's Open Queries button). */
  openQueries: 'invcert.openQueries',
  /** Test hooks: registered, never contributed to menus or the palette. */
  testPanelState: 'invcert.test.panelState',
  testJobs: 'invcert.test.jobs',
  testLastError: 'invcert.test.lastError',
  testViewerState: 'invcert.test.viewerState',
} as const;

export const resultsViewId = 'invcert.results';
export const resultsContainerId = 'invcert';
/** The custom editor of *.onnx (package.json contributes.customEditors). */
export const modelViewerViewType = 'invcert.modelViewer';
