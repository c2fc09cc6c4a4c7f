// Typed request/notification handles for the custom messages of ./protocol, shared by the client and the server.
import { NotificationType, RequestType } from 'vscode-jsonrpc';
import {
  Annotations,
  CancelJob,
  ExportMip,
  GetPlotData,
  GetResult,
  ListResults,
  ModelSummary,
  ResultReady,
  RunQuery,
  ServerCrashed,
  Status,
  WorkspaceTrust,
} from './protocol';

export const runQueryRequest = new RequestType<RunQuery.Params, RunQuery.Result, void>(RunQuery.method);
export const cancelJobRequest = new RequestType<CancelJob.Params, CancelJob.Result, void>(CancelJob.method);
export const getResultRequest = new RequestType<GetResult.Params, GetResult.Result, void>(GetResult.method);
export const listResultsRequest = new RequestType<ListResults.Params, ListResults.Result, void>(ListResults.method);
export const plotDataRequest = new RequestType<GetPlotData.Params, GetPlotData.Result | null, void>(GetPlotData.method);
export const exportMipRequest = new RequestType<ExportMip.Params, ExportMip.Result, void>(ExportMip.method);
export const modelSummaryRequest = new RequestType<ModelSummary.Params, ModelSummary.Result, void>(ModelSummary.method);

export const statusNotification = new NotificationType<Status.Params>(Status.method);
export const resultNotification = new NotificationType<ResultReady.Params>(ResultReady.method);
export const annotationsNotification = new NotificationType<Annotations.Params>(Annotations.method);
export const crashNotification = new NotificationType<ServerCrashed.Params>(ServerCrashed.method);
export const workspaceTrustNotification = new NotificationType<WorkspaceTrust.Params>(WorkspaceTrust.method);
