// Model requests: the model viewer's data and neuron states, the model summary (structured fields for the quick
// inputs), and MIP export.
import { readFile, stat } from 'node:fs/promises';
import type { Connection } from 'vscode-languageserver/node';
import { ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { readerMessage } from '../models/modelCache';
import type { DocSnapshot } from '../documentState';
import type { Logger } from '../logger';
import type { ModelCache } from '../models/modelCache';
import { declaredDomainText } from '../models/declaredDomain';
import { modelSummaryMarkdown } from '../models/modelSummary';
import { flatInputNames, modelViewData, neuronStatesOver } from '../models/modelView';
import { ExportMip, ModelSummary, ModelView, NeuronStates } from '../../shared/protocol';
import type { QueryService } from '../queryService';
import { describeError } from '../runSafe';

export interface ModelRequestDeps {
  readonly log: Logger;
  readonly models: ModelCache;
  readonly queries: QueryService;
  readonly snapshotFor: (uri: string) => Promise<DocSnapshot | undefined>;
}

export function modelRequests(connection: Connection, deps: ModelRequestDeps): void {
  connection.onRequest(ModelSummary.type, async (p) => {
    try {
      let path = p.path;
      let name: string | undefined;
      let fixed: ReadonlyMap<number, number> | undefined;
      if (!path && p.uri && p.model) {
        const m = (await deps.snapshotFor(p.uri))?.analysis.models.get(p.model);
        if (!m) return { markdown: `No model named \`${p.model}\` in ${p.uri}.` };
        ({ path } = m);
        name = p.model;
        fixed = m.fixed;
      }
      if (!path) return { markdown: 'No model given.' };
      const load = await deps.models.load(path);
      if (!load.ok) return { markdown: `# ${path}\n\n${load.message}`, path };
      const net = load.network;
      return {
        markdown: modelSummaryMarkdown(net, { path, ...(name ? { name } : {}), ...(fixed ? { fixed } : {}), ...(load.hash ? { hash: load.hash } : {}) }),
        path,
        inputCount: net.inputSize,
        outputCount: net.outputSize,
        inputNames: flatInputNames(net),
        ...(load.hash ? { hash: load.hash } : {}),
        ...(p.path ? await declaredDomainText(path).then((d) => (d ? { declaredDomain: d } : {})) : {}),
      };
    } catch (e) {
      deps.log.error(`modelSummary failed: ${describeError(e)}`);
      return { markdown: `Could not summarise the model: ${e instanceof Error ? e.message : String(e)}` };
    }
  });

  connection.onRequest(ModelView.type, async (p) => {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(p.path);
    } catch (e) {
      throw new ResponseError(ErrorCodes.InvalidParams, `cannot read the model file ${p.path}: ${readerMessage(e)}`);
    }
    return modelViewData(p.path, bytes, await deps.models.load(p.path));
  });

  connection.onRequest(NeuronStates.type, async (p) => {
    const load = await deps.models.load(p.path);
    if (!load.ok) throw new ResponseError(ErrorCodes.InvalidParams, load.message);
    try {
      return neuronStatesOver(load.network, p.box, p.method);
    } catch (e) {
      throw new ResponseError(ErrorCodes.InvalidParams, readerMessage(e));
    }
  });

  connection.onRequest(ExportMip.type, async (p, token) => {
    const snap = await deps.snapshotFor(p.uri);
    if (!snap) throw new ResponseError(ErrorCodes.InvalidParams, `document not open: ${p.uri}`);
    const { enqueued, rejected } = await deps.queries.run(snap, { uri: p.uri, line: p.line, allowOutsideWorkspace: p.allowOutsideWorkspace }, { path: p.path, format: p.format });
    if (enqueued.length === 0) throw new ResponseError(ErrorCodes.InvalidParams, rejected[0]?.reason ?? 'nothing to export');
    const jobId = enqueued[0];
    token.onCancellationRequested(() => deps.queries.cancel({ jobId }));
    const result = await deps.queries.waitFor(jobId);
    if (!result) throw new ResponseError(LSPErrorCodes.RequestFailed, 'export cancelled');
    const bytes = await stat(p.path).then((s) => s.size, () => -1);
    if (bytes < 0) {
      throw new ResponseError(LSPErrorCodes.RequestFailed, result.status === 'error'
        ? `export failed: ${result.error?.message ?? result.message}`
        : `no MIP was written: this query was answered without one (${result.stats.method ?? 'no MILP'}); add ${result.query.startsWith('radius') ? `'method bisection' or 'method paper'` : `'method direct'`} to the query to solve it as a MILP`);
    }
    return { path: p.path, bytes };
  });
}
