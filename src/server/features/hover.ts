// Hovers: the network on a `model` line, F(point) and the sign of det DF on a point, the stored result on a query
// line, a study's verdict on a study line, and keyword documentation.
import type { Hover, Position } from 'vscode-languageserver/node';
import { MarkupKind } from 'vscode-languageserver/node';
import { forward } from '../../engine/ir/forward';
import { fixInputs } from '../../engine/ir/fixInputs';
import { determinant, jacobianAt } from '../../engine/ir/jacobian';
import { Commands } from '../../shared/protocol';
import type { JobStatus, ResultRecord } from '../../shared/protocol';
import type { DocSnapshot } from '../documentState';
import type { PointRef, Span, Statement } from '../language/ast';
import { tokenizeLine } from '../language/lexer';
import { keywordDocs } from '../language/keywords';
import type { ResolvedModel } from '../language/semantics';
import { modelSummaryMarkdown } from '../models/modelSummary';
import { commandLink, num, vec } from '../results/format';
import { resultHover } from '../results/hoverText';
import { studyVerdict } from '../results/studyVerdict';
import type { StudyResults } from '../../shared/studies';

/** A study line's hover: its one-line verdict in bold (studyVerdict, as inline and in the panel), then its links. */
function studyHover(study: StudyResults, job: JobStatus | undefined): string {
  const at = { uri: study.uri, line: study.line };
  const links = [
    job ? commandLink('Cancel', Commands.cancelQuery, { jobId: job.jobId }) : undefined,
    study.instances.length > 0 ? commandLink('Show in panel', Commands.showInPanel, at) : undefined,
  ].filter((l): l is string => l !== undefined);
  const stale = study.stale ? '\n\nA model file changed since these instances were computed: run the study again.' : '';
  return `**${studyVerdict(study)}**${stale}${links.length > 0 ? `\n\n${links.join(' · ')}` : ''}`;
}

const within = (s: Span, p: Position): boolean => s.line === p.line && p.character >= s.start && p.character <= s.end;
const range = (s: Span): Hover['range'] => ({ start: { line: s.line, character: s.start }, end: { line: s.line, character: s.end } });
const markdown = (value: string, span?: Span): Hover => ({ contents: { kind: MarkupKind.Markdown, value }, ...(span ? { range: range(span) } : {}) });

/** The point literals/refs of a statement, with the models they are inputs of. */
function pointsOf(s: Statement, snap: DocSnapshot): Array<{ ref: PointRef; models: ResolvedModel[] }> {
  const a = snap.analysis;
  const m = (name: string): ResolvedModel[] => (a.models.has(name) ? [a.models.get(name)!] : []);
  switch (s.kind) {
    case 'point':
      // A named point is an input of every model whose free-input count matches it.
      return [{ ref: s.point, models: [...a.models.values()].filter((x) => x.freeCount === s.point.coords.length) }];
    case 'radius':
    case 'certify':
      return [{ ref: s.at, models: m(s.model.name) }];
    case 'prune':
      return s.at ? [{ ref: s.at, models: m(s.model.name) }] : [];
    default:
      return [];
  }
}

function coordinates(ref: PointRef, snap: DocSnapshot): number[] | undefined {
  if (ref.kind === 'literal') return ref.coords.map((c) => c.value);
  return snap.analysis.points.get(ref.name.name)?.point.coords.map((c) => c.value);
}

/** F(point) in float64 and the sign of det DF there, for each model the point is an input of. */
export function evaluatePointMarkdown(point: number[], models: ResolvedModel[]): string {
  const out: string[] = [];
  for (const m of models) {
    if (!m.load?.ok || m.freeCount !== point.length) continue;
    const state = fixInputs(m.load.network, m.fixed);
    const y = forward(state.net, point);
    out.push(`**${m.decl.name.name}${vec(point, 6)}** = \`${vec([...y], 8)}\` (float64)`);
    if (state.net.inputSize === state.net.outputSize) {
      const det = determinant(jacobianAt(state.net, point), state.net.inputSize);
      const sign = det > 0 ? 'positive' : det < 0 ? 'negative' : 'zero (singular piece)';
      out.push('', `det D${m.decl.name.name} = ${num(det, 5)}: ${sign}. The fold curve J₀ is where this sign changes.`);
    }
    out.push('');
  }
  return out.join('\n').trim();
}

export function hover(
  snap: DocSnapshot,
  pos: Position,
  resultAt: (line: number) => ResultRecord | undefined,
  jobAt: (line: number) => JobStatus | undefined = () => undefined,
  noteAt: (line: number) => string | undefined = () => undefined,
  studyAt: (line: number) => StudyResults | undefined = () => undefined,
): Hover | null {
  const study = snap.studies.has(pos.line) ? studyAt(pos.line) : undefined;
  if (study) return markdown(studyHover(study, jobAt(pos.line)));
  const s = snap.doc.statements.find((st) => st.span.line === pos.line);
  if (s) {
    for (const { ref, models } of pointsOf(s, snap)) {
      if (!within(ref.span, pos)) continue;
      const coords = coordinates(ref, snap);
      const text = coords ? evaluatePointMarkdown(coords, models) : '';
      if (text) return markdown(text, ref.span);
    }
    if (s.kind === 'model') {
      const m = snap.analysis.models.get(s.name.name);
      if (m?.decl === s) {
        if (!m.load) return null;
        if (!m.load.ok) return markdown(`**${s.name.name}** does not load:\n\n${m.load.message}`, s.span);
        const link = commandLink('Open model summary', Commands.showModelSummary, { path: m.path });
        return markdown(`${modelSummaryMarkdown(m.load.network, { name: s.name.name, path: m.path, fixed: m.fixed })}\n\n${link}`, s.span);
      }
    }
    const job = jobAt(pos.line);
    const record = resultAt(pos.line);
    if (job) {
      const elapsed = Math.round((Date.now() - job.startedAt) / 1000);
      const state = job.phase === 'queued' ? 'queued' : `${job.subject}: running for ${elapsed} s — ${job.message}`;
      const previous = record ? `\n\n---\n\nPrevious result:\n\n${resultHover(record)}` : '';
      return markdown(`**${state}**\n\n${commandLink('Cancel', Commands.cancelQuery, { jobId: job.jobId })}${previous}`, s.span);
    }
    if (record) return markdown(resultHover(record), s.span);
    // Before any run, a wide map's query line shows its note: the map cannot be injective, and the pair that shows it.
    const note = noteAt(pos.line);
    if (note) return markdown(note, s.span);
  }
  // Keyword documentation.
  const t = tokenizeLine(snap.lines[pos.line] ?? '', pos.line).find((tok) => within(tok.span, pos));
  if (t && (t.kind === 'ident' || t.kind === 'number') && keywordDocs[t.text] && !snap.analysis.models.has(t.text)) {
    return markdown(keywordDocs[t.text], t.span);
  }
  return null;
}
