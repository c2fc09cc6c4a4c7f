// Checks the study statements (orbit, map) against a document's declarations, the way semantics.ts checks a query
// (the same name resolution and messages), and gives each one without errors its StudySpec.
import type { StudySpec } from '../../shared/studies';
import type { Document, NumberLit, Span, Statement, StudyStatement } from './ast';
import type { Analysis, PathResolver, QueryCheck, ResolvedModel } from './semantics';
import { lookupModel, modelRef, resolveDomain, resolvePoint } from './semantics';

export interface ResolvedStudy {
  readonly statement: StudyStatement;
  /** Present only when the statement has no errors and its model loaded. */
  readonly spec?: StudySpec;
  readonly modelPaths: string[];
}

/** The default fold tolerance of an orbit: a state this close to det DF = 0 is marked. */
export const DEFAULT_FOLD_TOLERANCE = 0.05;

/** Every study of `doc`, keyed by 0-based line; its diagnostics are appended to analysis.diagnostics. */
export function checkStudies(doc: Document, analysis: Analysis, resolve: PathResolver): Map<number, ResolvedStudy> {
  const declared = new Map<string, Statement>();
  for (const s of doc.statements) if ((s.kind === 'model' || s.kind === 'domain' || s.kind === 'point') && !declared.has(s.name.name)) declared.set(s.name.name, s);
  const ctx: QueryCheck = {
    models: analysis.models, domains: analysis.domains, points: analysis.points, declared, resolve,
    report: (severity, code, message, span) => { analysis.diagnostics.push({ severity, code, message, span }); },
    errorCount: () => analysis.diagnostics.reduce((n, d) => n + (d.severity === 'error' ? 1 : 0), 0),
  };
  const out = new Map<number, ResolvedStudy>();
  for (const s of doc.studies ?? []) out.set(s.span.line, checkStudy(s, ctx));
  return out;
}

function positive(n: NumberLit | undefined, what: string, ctx: QueryCheck): number | undefined {
  if (!n) return undefined;
  if (!(n.value > 0) || !Number.isFinite(n.value)) ctx.report('error', 'not-positive', `${what} must be a positive number`, n.span);
  return n.value;
}

function wholeNumber(n: NumberLit, what: string, min: number, ctx: QueryCheck, max = Infinity): number {
  if (!Number.isInteger(n.value) || n.value < min || n.value > max) {
    ctx.report('error', 'not-whole', `${what} must be a whole number${max < Infinity ? ` from ${min} to ${max}` : ` ≥ ${min}`}, got ${n.text}`, n.span);
  }
  return n.value;
}

function squareCheck(m: ResolvedModel | undefined, span: Span, ctx: QueryCheck): void {
  if (m?.load?.ok && m.freeCount !== undefined && m.freeCount !== m.load.network.outputSize) {
    ctx.report('error', 'non-square', `${m.decl.name.name} maps ${m.freeCount} free inputs to ${m.load.network.outputSize} outputs: an orbit iterates F, so it needs a square map`, span);
  }
}

function checkStudy(s: StudyStatement, ctx: QueryCheck): ResolvedStudy {
  const before = ctx.errorCount();
  const m = lookupModel(s.model, ctx.models, ctx.declared, ctx.report);
  const name = s.model.name;
  const tolerance = positive(s.tolerance, 'tolerance', ctx);
  const budgetSeconds = positive(s.budget, 'budget', ctx);
  const common = { ...(tolerance !== undefined ? { tolerance } : {}), ...(budgetSeconds !== undefined ? { budgetSeconds } : {}) };
  let spec: StudySpec | undefined;
  if (s.kind === 'orbit') {
    squareCheck(m, s.model.span, ctx);
    const start = resolvePoint(s.from, m?.freeCount, name, ctx);
    const steps = wholeNumber(s.steps, 'steps', 0, ctx, 100000);
    const fold = positive(s.fold, 'fold', ctx);
    const domain = s.within ? resolveDomain(s.within, m?.freeCount, name, ctx) : undefined;
    const queries = [...new Set(s.queries.map((q) => q.value))];
    if (queries.length < s.queries.length) ctx.report('warning', 'twice', 'a radius is listed twice; it runs once', s.span);
    if (m?.load?.ok && start && ctx.errorCount() === before) {
      spec = { kind: 'orbit', model: modelRef(m), start, steps, queries, ...(domain ? { domain } : {}), foldTolerance: fold ?? DEFAULT_FOLD_TOLERANCE, ...common };
    }
  } else {
    const domain = resolveDomain(s.on, m?.freeCount, name, ctx);
    const free = m?.freeCount ?? Infinity;
    const grid = [wholeNumber(s.grid[0], 'the grid', 1, ctx, 1000), wholeNumber(s.grid[1], 'the grid', 1, ctx, 1000)] as const;
    const axes = s.axes ? [wholeNumber(s.axes[0], 'an axis', 0, ctx, free - 1), wholeNumber(s.axes[1], 'an axis', 0, ctx, free - 1)] as const : [0, 1] as const;
    if (s.axes && axes[0] === axes[1]) ctx.report('error', 'axes', 'the two axes must be different free inputs', s.axes[1].span);
    if (!s.axes && m?.freeCount !== undefined && m.freeCount < 2) ctx.report('error', 'arity', `${name} has ${m.freeCount} free input: a map needs two`, s.model.span);
    const slice = s.at ? resolvePoint(s.at, m?.freeCount, name, ctx) : undefined;
    if (m?.load?.ok && domain && ctx.errorCount() === before) {
      spec = { kind: 'map', model: modelRef(m), domain, axes, grid, ...(slice ? { slice } : {}), ...common };
    }
  }
  return { statement: s, ...(spec ? { spec } : {}), modelPaths: m ? [m.path] : [] };
}
