import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseBox, validateCenter } from '../../src/client/certify/answers';
import { compareRefusal } from '../../src/client/certify/compatibility';
import { nextActive, stepPosition } from '../../src/client/certify/stepOrder';
import {
  declaredFreeDomain, defaultCenterFor, defaultDomainFor, defaultFixed, defaultLevelsFor, defaultRadiusFor, domainPrompt, fixedValuesPrompt, freeLabels, inputLabel,
} from '../../src/client/certify/wizardDefaults';
import type { AnswerStore } from '../../src/client/certify/wizardMemory';
import { memoryKey, mergeAnswers, recall, recallFirst, remember } from '../../src/client/certify/wizardMemory';

const brusselator = { inputCount: 3, outputCount: 2, inputNames: ['x', 'y', 'b'] };

class MapStore implements AnswerStore {
  readonly map = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.map.get(key) as T | undefined;
  }
  update(key: string, value: unknown): Thenable<void> {
    this.map.set(key, value);
    return Promise.resolve();
  }
}

void describe('wizard: labels, prompts and hints fit the model', () => {
  void it('names inputs 0-based with the model\'s own names, and only the free ones once some are held', () => {
    assert.equal(inputLabel(brusselator, 2), 'input 2 (b)');
    assert.equal(inputLabel({ inputNames: undefined }, 1), 'input 1');
    assert.deepEqual(freeLabels(brusselator, [[2, 2.1]]), ['input 0 (x)', 'input 1 (y)']);
    assert.deepEqual(freeLabels(brusselator, [[0, 1]]), ['input 1 (y)', 'input 2 (b)']);
  });

  void it('gives a 3-input model a three-interval domain hint, never a two-interval example', () => {
    const prompt = domainPrompt(freeLabels(brusselator, []), 'default');
    assert.match(prompt, /^Domain: \[lo, hi\] × \[lo, hi\] × \[lo, hi\] for input 0 \(x\), input 1 \(y\), input 2 \(b\)/);
    assert.doesNotMatch(prompt, /\[0, 3\] × \[0, 4\]/);
    assert.match(domainPrompt(['input 0 (x)'], 'remembered'), /^Domain: \[lo, hi\] for input 0 \(x\) \(default: your last answer for this model\)$/);
  });

  void it('asks one value per held input, naming them in order', () => {
    assert.equal(fixedValuesPrompt(['input 2 (b)']), 'Value of input 2 (b)');
    assert.equal(fixedValuesPrompt(['input 0 (x)', 'input 2 (b)']), 'Values of input 0 (x), input 2 (b), in this order');
  });

  void it('names the offending input 0-based in domain and centre messages', () => {
    assert.match(parseBox('[0, 3] x [4, 1]', 2, ['input 0 (x)', 'input 1 (y)']) as string, /The interval of input 1 \(y\) must satisfy lower < upper/);
    assert.match(parseBox('[3, 0]', 1) as string, /The interval of free input 0 must satisfy/);
    assert.equal(validateCenter([1, 5], [[0, 3], [0, 4]], ['input 0 (x)', 'input 1 (y)']), "The centre's input 1 (y) = 5 lies outside the domain [0, 4].");
  });
});

void describe('wizard: defaults come from memory, then the model, then the unit box', () => {
  void it('offers the remembered domain when it still fits the free inputs', () => {
    const got = defaultDomainFor(brusselator, [[2, 2.1]], { domain: [[0, 3], [0, 4]] });
    assert.deepEqual(got, { domain: [[0, 3], [0, 4]], source: 'remembered' });
  });

  void it('falls back to the model\'s declared domain, restricted to the free inputs, when the memory does not fit', () => {
    const facts = { ...brusselator, declaredDomain: '[0, 3] x [0, 4] x [2, 2.2]' };
    assert.deepEqual(declaredFreeDomain(facts, [[2, 2.1]]), [[0, 3], [0, 4]]);
    assert.deepEqual(defaultDomainFor(facts, [[2, 2.1]], { domain: [[0, 1]] }), { domain: [[0, 3], [0, 4]], source: 'model' });
  });

  void it('uses the unit box when neither memory nor model says anything (or the model\'s text does not parse)', () => {
    assert.deepEqual(defaultDomainFor(brusselator, [], {}), { domain: [[-1, 1], [-1, 1], [-1, 1]], source: 'default' });
    assert.deepEqual(defaultDomainFor({ ...brusselator, declaredDomain: '[0, 3]' }, [], {}).source, 'default');
  });

  void it('keeps remembered fixed inputs only while they are valid for the model', () => {
    assert.deepEqual(defaultFixed(brusselator, { fixed: [[2, 2.1]] }), [[2, 2.1]]);
    assert.deepEqual(defaultFixed(brusselator, { fixed: [[5, 1]] }), []);
    assert.deepEqual(defaultFixed(brusselator, { fixed: [[0, 1], [1, 1], [2, 1]] }), []);
  });

  void it('offers the remembered centre inside the domain, else the midpoint; the radius likewise, else a quarter of the narrowest side', () => {
    assert.deepEqual(defaultCenterFor([[0, 3], [0, 4]], { center: [1.96433, 1.24951] }), [1.96433, 1.24951]);
    assert.deepEqual(defaultCenterFor([[0, 3], [0, 4]], { center: [9, 9] }), [1.5, 2]);
    assert.equal(defaultRadiusFor([[0, 3], [0, 4]], { radius: 0.7 }), 0.7);
    assert.equal(defaultRadiusFor([[0, 3], [0, 4]], {}), 0.75);
    assert.deepEqual(defaultLevelsFor({ levels: [10, 150] }), [10, 20, 30, 40, 50]);
  });
});

void describe('wizard: answers are remembered per model file version', () => {
  void it('keys the memory by path and hash, with forward slashes', () => {
    assert.equal(memoryKey('C:\\w\\m.onnx', 'abc'), 'invcert.wizard.answers:abc:C:/w/m.onnx');
    assert.notEqual(memoryKey('/w/m.onnx', 'abc'), memoryKey('/w/m.onnx', 'def'));
    assert.notEqual(memoryKey('/w/m.onnx', 'abc'), memoryKey('/w/n.onnx', 'abc'));
  });

  void it('merges a flow\'s answers over the record, keeping what the flow did not ask', async () => {
    const store = new MapStore();
    const key = memoryKey('/w/m.onnx', 'abc');
    assert.deepEqual(recall(store, key), {});
    await remember(store, key, { domain: [[0, 3], [0, 4]], query: 'bl', radius: 0.7 });
    await remember(store, key, { levels: [10, 30], domain: [[0, 2], [0, 4]], radius: undefined });
    assert.deepEqual(recall(store, key), { domain: [[0, 2], [0, 4]], query: 'bl', radius: 0.7, levels: [10, 30] });
    assert.deepEqual(recall(store, memoryKey('/w/m.onnx', 'other')), {}, 'a changed file starts afresh');
    assert.deepEqual(mergeAnswers({ norm: '1' }, { norm: undefined }), { norm: '1' });
  });

  void it('a Compare on a copy with no answers of its own starts from the answers remembered for the other model', async () => {
    const store = new MapStore();
    const original = memoryKey('/w/m.onnx', 'abc'), copy = memoryKey('/w/pruned/m_pruned10.onnx', 'def');
    await remember(store, original, { fixed: [[2, 2.1]], domain: [[0, 3], [0, 4]] });
    assert.deepEqual(recallFirst(store, [copy, original]), { fixed: [[2, 2.1]], domain: [[0, 3], [0, 4]] });
    await remember(store, copy, { norm: '1' });
    assert.deepEqual(recallFirst(store, [copy, original]), { norm: '1' }, 'its own answers, once it has some, come first');
    assert.deepEqual(recallFirst(store, [memoryKey('/w/x.onnx', 'x')]), {});
  });
});

void describe('wizard: steps and compatibility', () => {
  void it('numbers only the steps that apply, and skips the rest going forward', () => {
    const active = [true, false, true, true, false, true];
    assert.deepEqual(stepPosition(active, 0), { step: 1, totalSteps: 4 });
    assert.deepEqual(stepPosition(active, 3), { step: 3, totalSteps: 4 });
    assert.equal(nextActive(active, 0), 2);
    assert.equal(nextActive(active, 3), 5);
    assert.equal(nextActive(active, 5), 6);
    assert.equal(nextActive([false, true], -1), 1);
  });

  void it('refuses networks with other input counts, and a discrepancy between other output counts, naming both', () => {
    const a = { name: 'brusselator_param.onnx', inputCount: 3, outputCount: 2 };
    assert.match(compareRefusal(a, { name: 'mlp_gemm.onnx', inputCount: 2, outputCount: 2 }) ?? '', /brusselator_param\.onnx takes 3 inputs and mlp_gemm\.onnx takes 2/);
    const vdp = { name: 'vdp.onnx', inputCount: 3, outputCount: 3 };
    assert.match(compareRefusal(a, vdp, 'discrepancy') ?? '', /has 2 outputs and vdp\.onnx has 3: their discrepancy .* is undefined/);
    assert.equal(compareRefusal(a, vdp, 'transform'), undefined, 'a transformation may change the output count');
    assert.equal(compareRefusal(a, { ...a, name: 'copy.onnx' }, 'discrepancy'), undefined);
  });
});
