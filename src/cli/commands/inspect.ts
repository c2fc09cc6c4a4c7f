// invcert inspect MODEL [--fix IDX=VAL ...] [--box lo:hi,...] [--tighten interval|crown|lp] [--time-limit S] [--budget S] [--json]
// The network's interface and layers; with a box, how many neurons each bounding method leaves unstable.
import { writeSync } from 'node:fs';
import type { BoundMethod, BoundsProgress, LayerTightening } from '../../engine/bounds';
import { BOUND_METHODS, BOUND_METHOD_SUMMARIES, neuronStatus, neuronTotals } from '../../engine/bounds';
import type { Engine } from '../../engine/engine';
import { InvalidDomain } from '../../engine/errors';
import { fixInputs } from '../../engine/ir/fixInputs';
import { summarizeNetwork } from '../../engine/ir/summary';
import { loadOnnxModel } from '../../engine/onnx';
import type { OptionSpecs } from '../args';
import { UsageError, optional, parsePositive, parseBoxArg, parseChoice, parseCommandLine, parseFixArgs, parseTimeLimit } from '../args';
import type { InspectReport } from '../format/inspectReport';
import { formatInspectReport } from '../format/inspectReport';
import { progressLineFor } from '../format/progressLine';
import type { CommandDeclaration } from '../help';
import { helpText } from '../help';
import type { CliCommand } from '../registry';
import { EXIT } from '../registry';

const inspectDeclaration: CommandDeclaration = {
  name: 'inspect',
  summary: 'show a model\'s layers and, over a box, its stable and unstable neurons',
  positionals: [['MODEL', 'the ONNX model']],
  options: {
    fix: { repeatable: true, value: 'IDX=VAL', help: 'hold input IDX (0-based over all flattened inputs) at VAL; repeatable' },
    box: { value: 'lo:hi,...', help: 'a box over the free inputs: also count active / inactive / unstable neurons' },
    tighten: {
      value: BOUND_METHODS.join('|'),
      help: [`how to bound neurons over the box (default interval; 'none' is still accepted for it):`,
        ...BOUND_METHODS.map((m) => `  ${m.padEnd(9)} ${BOUND_METHOD_SUMMARIES[m]}`)].join('\n'),
    },
    'time-limit': { value: 'S', help: 'time limit of each LP of --tighten lp, in seconds' },
    budget: {
      value: 'S',
      help: 'time budget of the whole inspect, in seconds: once spent, the remaining layers keep their\nCROWN bounds and the report says which layers were LP-tightened',
    },
  },
  notes: ['Prints the model\'s inputs and outputs, its layers and widths, and its ReLU count.'],
};
const OPTIONS: OptionSpecs = inspectDeclaration.options;

export const inspectCommand: CliCommand = {
  name: inspectDeclaration.name,
  summary: inspectDeclaration.summary,
  usage: helpText(inspectDeclaration),
  run: runInspect,
};

async function runInspect(argv: readonly string[], engine: Engine): Promise<number> {
  const p = parseCommandLine(argv, OPTIONS);
  if (p.positional.length !== 1) throw new UsageError(p.positional.length === 0 ? 'missing MODEL' : `expected one MODEL, got ${p.positional.length} arguments`);
  const modelPath = p.positional[0];
  const fixed = parseFixArgs(p.values.get('fix'));
  const boxText = optional(p, 'box');
  const tighten = tightenMethod(parseChoice<BoundMethod | 'none'>(p, 'tighten', [...BOUND_METHODS, 'none'], 'interval'));
  const layerTimeLimitSeconds = parseTimeLimit(p);
  const budgetText = optional(p, 'budget');
  // The budget counts from here: reading the model and starting the solver are part of the command's time.
  const deadlineAt = budgetText === undefined ? undefined : Date.now() + 1000 * parsePositive(budgetText, '--budget');

  // Start the solver workers now so their start-up overlaps reading the model.
  const solverReady = tighten === 'lp' && boxText !== undefined ? engine.ready() : undefined;
  solverReady?.catch(() => undefined); // awaited below, before the tightening
  const original = await loadOnnxModel(modelPath);
  const state = fixInputs(original, fixed);
  const summary = summarizeNetwork(original);
  const report: InspectReport = {
    model: modelPath,
    inputs: summary.inputs,
    outputs: summary.outputs,
    inputSize: original.inputSize,
    freeInputs: state.net.inputSize,
    freeIndices: [...state.freeIndices],
    fixed: Object.fromEntries([...fixed].map(([i, v]) => [String(i), v])),
    layers: summary.layers.map((l, i) => ({ index: i + 1, width: l.width, relu: l.relu, ...(l.carried ? { carried: l.carried } : {}) })),
    reluCount: summary.reluCount,
    parameterCount: summary.parameterCount,
  };

  if (boxText !== undefined) {
    const ranges = parseBoxArg(boxText);
    if (ranges.length !== state.net.inputSize) {
      throw new InvalidDomain(
        `--box has ${ranges.length} interval(s) but the model has ${state.net.inputSize} free input(s)` +
        (fixed.size > 0 ? ` (${original.inputSize} inputs, ${fixed.size} fixed)` : ''),
        { file: modelPath },
      );
    }
    const box = { lower: Float64Array.from(ranges, (r) => r[0]), upper: Float64Array.from(ranges, (r) => r[1]) };
    const abort = new AbortController();
    const onSigint = (): void => abort.abort();
    process.once('SIGINT', onSigint);
    await solverReady; // time the tightening, not the solver's start-up
    const started = performance.now();
    const lpLayers: LayerTightening[] = [];
    const progress = process.stderr.isTTY ? progressLineFor() : undefined;
    try {
      const bounds = await engine.computeBounds(state.net, box, {
        method: tighten,
        signal: abort.signal,
        layerTimeLimitSeconds,
        ...(deadlineAt !== undefined ? { deadlineAt } : {}),
        onLayer: (l) => lpLayers.push(l),
        ...(progress ? { onProgress: (b: BoundsProgress) => progress.update(tighteningLine(b)) } : {}),
      }).finally(() => progress?.done());
      const seconds = (performance.now() - started) / 1000;
      const perLayer = neuronStatus(state.net, bounds);
      const totals = neuronTotals(perLayer);
      report.box = ranges;
      report.tighten = tighten;
      report.neurons = { ...totals, perLayer: perLayer.map((c, i) => ({ layer: i + 1, ...c })).filter((_, i) => state.net.layers[i].relu) };
      report.layers = report.layers.map((l, i) => (l.relu ? { ...l, neurons: perLayer[i] } : l));
      report.seconds = seconds;
      if (tighten === 'lp') {
        report.lpLayers = lpLayers.map((l) => ({ ...l, layer: l.layer + 1 }));
        report.budgetSpent = lpLayers.some((l) => l.outcome === 'stopped');
      }
    } finally {
      process.off('SIGINT', onSigint);
    }
  }
  writeSync(1, (p.flags.has('json') ? JSON.stringify(report, null, 2) : formatInspectReport(report)) + '\n');
  return EXIT.ok;
}

/** 'none' is the name --tighten had for interval arithmetic before 'crown' was offered; it is still accepted. */
function tightenMethod(choice: BoundMethod | 'none'): BoundMethod {
  return choice === 'none' ? 'interval' : choice;
}

/** LP tightening of a big network can take a while: one updating line on an interactive stderr. */
function tighteningLine(p: BoundsProgress): string {
  return `tightening bounds: layer ${p.layer + 1} of ${p.layers}, ${p.done} of ${p.total} neurons`;
}
