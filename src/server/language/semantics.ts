// Name resolution and checks over a parsed .invq document, producing diagnostics and runnable QuerySpecs.
// Synchronous: the caller loads every declared model first (see ../models/modelCache) and passes the outcome in.
import type { Network } from '../../engine/ir/network';
import type { BoxSpec, MatchMethod, ModelRef, QuerySpec } from '../../shared/querySpec';
import type { NormName } from '../../shared/results';
import type {
  Document, DomainDecl, DomainRef, Ident, ModelDecl, PointDecl, PointRef, Query, QueryOption, Span, Statement,
} from './ast';
import { isQuery } from './ast';

export type Severity = 'error' | 'warning' | 'info';

export interface SemanticDiagnostic {
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  readonly code: string;
}

/** What loading a declared model produced: a network, or the reader's refusal. */
export type ModelLoad = { readonly ok: true; readonly network: Network } | { readonly ok: false; readonly message: string; readonly missing: boolean };

export interface ResolvedModel {
  readonly decl: ModelDecl;
  readonly path: string;
  readonly load?: ModelLoad;
  /** Input index → value from `fix` lines. */
  readonly fixed: Map<number, number>;
  /** Number of free inputs, when the model loaded. */
  readonly freeCount?: number;
}

export interface ResolvedQuery {
  readonly statement: Query;
  /** Present only when the query has no errors and every model it names loaded. */
  readonly spec?: QuerySpec;
  /** Absolute paths of the models it reads, for result hashing. */
  readonly modelPaths: string[];
  /** The model names it uses (first is the main one). */
  readonly models: ResolvedModel[];
}

export interface Analysis {
  readonly diagnostics: SemanticDiagnostic[];
  readonly models: Map<string, ResolvedModel>;
  readonly domains: Map<string, DomainDecl>;
  readonly points: Map<string, PointDecl>;
  /** Queries keyed by 0-based line. */
  readonly queries: Map<number, ResolvedQuery>;
}

const defaultNorm: NormName = 'inf';

/** Resolves `model` paths relative to the query file. */
export type PathResolver = (relative: string) => string;

export function declaredModelPaths(doc: Document, resolve: PathResolver): string[] {
  return doc.statements.filter((s): s is ModelDecl => s.kind === 'model').map((s) => resolve(s.path.value));
}

export function analyze(doc: Document, resolve: PathResolver, loads: ReadonlyMap<string, ModelLoad>): Analysis {
  const diagnostics: SemanticDiagnostic[] = [];
  const report = (severity: Severity, code: string, message: string, span: Span): void => {
    diagnostics.push({ severity, code, message, span });
  };
  const models = new Map<string, ResolvedModel>();
  const domains = new Map<string, DomainDecl>();
  const points = new Map<string, PointDecl>();
  const declared = new Map<string, Statement>();

  // Pass 1: declarations, in any order.
  for (const s of doc.statements) {
    if (s.kind !== 'model' && s.kind !== 'domain' && s.kind !== 'point') continue;
    const previous = declared.get(s.name.name);
    if (previous) {
      report('error', 'duplicate-name', `'${s.name.name}' is already declared on line ${previous.span.line + 1}`, s.name.span);
      continue;
    }
    declared.set(s.name.name, s);
    if (s.kind === 'model') {
      const path = resolve(s.path.value);
      const load = loads.get(path);
      models.set(s.name.name, { decl: s, path, load, fixed: new Map() });
      if (load && !load.ok) report('error', load.missing ? 'missing-model' : 'invalid-model', load.message, s.path.span);
      else if (!/\.onnx$/i.test(s.path.value)) report('warning', 'not-onnx', 'expected an .onnx file', s.path.span);
    } else if (s.kind === 'domain') {
      domains.set(s.name.name, s);
      checkDomainLiteral(s.domain, report);
    } else {
      points.set(s.name.name, s);
      for (const c of s.point.coords) if (!Number.isFinite(c.value)) report('error', 'not-finite', 'coordinate is not finite', c.span);
    }
  }

  // Pass 2: fix lines.
  for (const s of doc.statements) {
    if (s.kind !== 'fix') continue;
    const m = lookupModel(s.model, models, declared, report);
    if (!m) continue;
    const i = s.index.value;
    if (!Number.isInteger(i) || i < 0) {
      report('error', 'fix-index', `input index must be a whole number ≥ 0, got ${s.index.text}`, s.index.span);
      continue;
    }
    if (m.load?.ok && i >= m.load.network.inputSize) {
      report('error', 'fix-index', `${m.decl.name.name} has ${m.load.network.inputSize} inputs (0..${m.load.network.inputSize - 1}); index ${i} is out of range`, s.index.span);
      continue;
    }
    if (m.fixed.has(i)) report('warning', 'fix-twice', `input ${i} of ${m.decl.name.name} is fixed twice; the last value wins`, s.span);
    if (!Number.isFinite(s.value.value)) report('error', 'not-finite', 'value is not finite', s.value.span);
    m.fixed.set(i, s.value.value);
  }
  for (const [name, m] of models) {
    if (!m.load?.ok) continue;
    const freeCount = m.load.network.inputSize - m.fixed.size;
    (m as { freeCount?: number }).freeCount = freeCount;
    if (freeCount === 0) report('error', 'no-free-inputs', `every input of ${name} is fixed: nothing is left to ask about`, m.decl.name.span);
  }

  // Pass 3: queries.
  const queries = new Map<number, ResolvedQuery>();
  const errorCount = (): number => diagnostics.reduce((n, d) => n + (d.severity === 'error' ? 1 : 0), 0);
  const ctx: QueryCheck = { models, domains, points, declared, report, resolve, errorCount };
  for (const s of doc.statements) {
    if (isQuery(s)) queries.set(s.span.line, checkQuery(s, ctx));
  }
  return { diagnostics, models, domains, points, queries };
}

export type Report = (severity: Severity, code: string, message: string, span: Span) => void;

export interface QueryCheck {
  readonly models: Map<string, ResolvedModel>;
  readonly domains: Map<string, DomainDecl>;
  readonly points: Map<string, PointDecl>;
  readonly declared: Map<string, Statement>;
  readonly report: Report;
  readonly resolve: PathResolver;
  /** Errors reported so far, so one query's spec is withheld only for its own errors. */
  readonly errorCount: () => number;
}

function countErrors(ctx: QueryCheck): number {
  return ctx.errorCount();
}

export function lookupModel(id: Ident, models: Map<string, ResolvedModel>, declared: Map<string, Statement>, report: Report): ResolvedModel | undefined {
  const m = models.get(id.name);
  if (m) return m;
  const other = declared.get(id.name);
  report('error', 'unknown-name', other ? `'${id.name}' is a ${other.kind}, not a model` : `unknown model '${id.name}'`, id.span);
  return undefined;
}

function checkDomainLiteral(d: DomainRef & { kind: 'literal' }, report: Report): boolean {
  let ok = true;
  for (const iv of d.intervals) {
    const [a, b] = [iv.lower.value, iv.upper.value];
    if (!Number.isFinite(a) || !Number.isFinite(b)) {
      report('error', 'not-finite', 'bounds must be finite', iv.span);
      ok = false;
    } else if (a > b) {
      report('error', 'inverted-domain', `inverted interval: ${iv.lower.text} > ${iv.upper.text}`, iv.span);
      ok = false;
    } else if (a === b) {
      report('error', 'empty-domain', `empty interval: lower and upper are both ${iv.lower.text}`, iv.span);
      ok = false;
    }
  }
  return ok;
}

/** A point's coordinates, or undefined (reported) when unknown or of the wrong arity. */
export function resolvePoint(ref: PointRef, arity: number | undefined, model: string, ctx: QueryCheck): number[] | undefined {
  let coords: number[];
  if (ref.kind === 'name') {
    const p = ctx.points.get(ref.name.name);
    if (!p) {
      const other = ctx.declared.get(ref.name.name);
      ctx.report('error', 'unknown-name', other ? `'${ref.name.name}' is a ${other.kind}, not a point` : `unknown point '${ref.name.name}'`, ref.span);
      return undefined;
    }
    coords = p.point.coords.map((c) => c.value);
  } else {
    coords = ref.coords.map((c) => c.value);
  }
  if (arity !== undefined && coords.length !== arity) {
    ctx.report('error', 'arity', `point has ${coords.length} coordinate${coords.length === 1 ? '' : 's'}, but ${model} has ${arity} free input${arity === 1 ? '' : 's'}`, ref.span);
    return undefined;
  }
  return coords;
}

export function resolveDomain(ref: DomainRef, arity: number | undefined, model: string, ctx: QueryCheck): BoxSpec | undefined {
  let intervals;
  if (ref.kind === 'name') {
    const d = ctx.domains.get(ref.name.name);
    if (!d) {
      const other = ctx.declared.get(ref.name.name);
      ctx.report('error', 'unknown-name', other ? `'${ref.name.name}' is a ${other.kind}, not a domain` : `unknown domain '${ref.name.name}'`, ref.span);
      return undefined;
    }
    intervals = d.domain.intervals;
    if (d.domain.intervals.some((iv) => !(iv.lower.value < iv.upper.value))) return undefined; // reported on its declaration
  } else {
    if (!checkDomainLiteral(ref, ctx.report)) return undefined;
    intervals = ref.intervals;
  }
  if (arity !== undefined && intervals.length !== arity) {
    ctx.report('error', 'arity', `domain has ${intervals.length} interval${intervals.length === 1 ? '' : 's'}, but ${model} has ${arity} free input${arity === 1 ? '' : 's'}`, ref.span);
    return undefined;
  }
  return intervals.map((iv) => [iv.lower.value, iv.upper.value] as const);
}

function option<N extends QueryOption['name']>(q: Query, name: N): Extract<QueryOption, { name: N }> | undefined {
  return q.options.find((o) => o.name === name) as Extract<QueryOption, { name: N }> | undefined;
}

/** A match's or sweep's method: 'bisection' drives a radius search and means nothing here (reported, then ignored). */
function matchMethod(q: Query, ctx: QueryCheck): MatchMethod | undefined {
  const o = option(q, 'method');
  if (o?.value !== 'bisection') return o?.value;
  ctx.report('error', 'bad-method', `'method bisection' is a radius driver: ${q.kind} takes auto, direct or paper`, o.span);
  return undefined;
}

function positiveOption(q: Query, name: 'tolerance' | 'timeout' | 'budget', ctx: QueryCheck): number | undefined | null {
  const o = option(q, name);
  if (!o) return undefined;
  if (!(o.value.value > 0) || !Number.isFinite(o.value.value)) {
    ctx.report('error', 'not-positive', `${name} must be a positive number`, o.value.span);
    return null;
  }
  return o.value.value;
}

/** "F maps 784 free inputs to 10 outputs": how the 'non-square' note begins, with or without its pair. */
export function nonSquareLead(name: string, freeCount: number, outputs: number): string {
  return `${name} maps ${freeCount} free inputs to ${outputs} outputs`;
}

export function modelRef(m: ResolvedModel): ModelRef {
  return { path: m.path, fixed: [...m.fixed.entries()].sort((a, b) => a[0] - b[0]) };
}

function checkQuery(q: Query, ctx: QueryCheck): ResolvedQuery {
  const before = countErrors(ctx);
  const used: ResolvedModel[] = [];
  const want = (id: Ident): ResolvedModel | undefined => {
    const m = lookupModel(id, ctx.models, ctx.declared, ctx.report);
    if (m) used.push(m);
    return m;
  };
  const norm = option(q, 'norm')?.value ?? defaultNorm;
  const timeout = positiveOption(q, 'timeout', ctx);
  const budget = positiveOption(q, 'budget', ctx);
  // Both limits travel together into every spec; null marks an invalid value (already reported).
  const limits = { ...(timeout ? { timeLimitSeconds: timeout } : {}), ...(budget ? { budgetSeconds: budget } : {}) };
  const limitsValid = timeout !== null && budget !== null;
  let spec: QuerySpec | undefined;

  if (q.kind === 'radius' || q.kind === 'certify') {
    const m = want(q.model);
    const name = q.model.name;
    const center = resolvePoint(q.at, m?.freeCount, name, ctx);
    const methodOption = option(q, 'method');
    const method = methodOption?.value;
    if (q.kind === 'certify' && method === 'bisection') {
      ctx.report('error', 'bad-method', "'method bisection' is a radius driver: certify takes auto, direct or paper", methodOption?.span ?? q.span);
    }
    if (m?.load?.ok && (q.query === 'bl' || q.query === 'pi') && m.freeCount !== undefined && m.freeCount > m.load.network.outputSize) {
      // The server replaces this text with the pair once the query worker has found it (models/nullSpaceNotes.ts).
      ctx.report('info', 'non-square', `${nonSquareLead(name, m.freeCount, m.load.network.outputSize)}: it cannot be injective. Looking for a colliding pair along the null space of its Jacobian (forward passes and the witness re-check, no MILP)…`, q.model.span);
    }
    const within = option(q, 'within');
    const domain = within ? resolveDomain(within.value, m?.freeCount, name, ctx) : undefined;
    if (center && domain && center.some((c, i) => c < domain[i][0] || c > domain[i][1])) {
      ctx.report('error', 'outside-domain', 'the centre lies outside the domain', q.at.span);
    }
    if (q.kind === 'radius') {
      const tolerance = positiveOption(q, 'tolerance', ctx);
      if (m?.load?.ok && center && countErrors(ctx) === before && tolerance !== null && limitsValid) {
        spec = { kind: 'radius', model: modelRef(m), query: q.query, center, norm, method, tolerance, domain, ...limits };
      }
    } else {
      if (!(q.radius.value > 0) || !Number.isFinite(q.radius.value)) ctx.report('error', 'not-positive', 'radius must be a positive number', q.radius.span);
      if (m?.load?.ok && center && countErrors(ctx) === before && limitsValid) {
        spec = { kind: 'certify', model: modelRef(m), query: q.query, center, radius: q.radius.value, norm, method, ...(domain ? { domain } : {}), ...limits };
      }
    }
  } else if (q.kind === 'match') {
    const method = matchMethod(q, ctx);
    const a = want(q.modelA);
    const b = want(q.modelB);
    if (a?.load?.ok && b?.load?.ok && a.freeCount !== b.freeCount) {
      ctx.report('error', 'arity', `${q.modelA.name} has ${a.freeCount} free inputs but ${q.modelB.name} has ${b.freeCount}`, q.modelB.span);
    } else if (q.query === 'discrepancy' && a?.load?.ok && b?.load?.ok && a.load.network.outputSize !== b.load.network.outputSize) {
      ctx.report('error', 'arity', `${q.modelA.name} has ${a.load.network.outputSize} outputs but ${q.modelB.name} has ${b.load.network.outputSize}: their discrepancy is undefined`, q.modelB.span);
    }
    const domain = resolveDomain(q.on, a?.freeCount, q.modelA.name, ctx);
    if (a?.load?.ok && b?.load?.ok && domain && countErrors(ctx) === before && limitsValid) {
      spec = { kind: 'match', modelA: modelRef(a), modelB: modelRef(b), query: q.query, domain, norm, ...(method ? { method } : {}), ...limits };
    }
  } else {
    const method = matchMethod(q, ctx);
    const m = want(q.model);
    for (const l of q.levels) {
      if (!(l.value > 0 && l.value < 100)) ctx.report('error', 'prune-level', 'a pruning level is a percentage strictly between 0 and 100', l.span);
    }
    const domain = resolveDomain(q.on, m?.freeCount, q.model.name, ctx);
    const center = q.at ? resolvePoint(q.at, m?.freeCount, q.model.name, ctx) : undefined;
    if (m?.load?.ok && domain && countErrors(ctx) === before && limitsValid) {
      spec = {
        kind: 'prune', model: modelRef(m), levels: q.levels.map((l) => l.value), outDir: ctx.resolve(q.out?.value ?? 'pruned/'),
        domain, center, norm, ...(method ? { method } : {}), ...limits,
      };
    }
  }
  return { statement: q, spec, modelPaths: [...new Set(used.map((m) => m.path))], models: used };
}
