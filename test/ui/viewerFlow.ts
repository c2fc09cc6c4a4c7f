// The model viewer, as a person meets it: double-click brusselator_param.onnx in the explorer and the viewer opens
// (not the binary-file warning) with the model's inputs, layer table and operators; enter a box over its three
// inputs, compute, and the layer table gains the stable on / stable off / unstable counts per layer; double-click a
// model the reader refuses and its typed error names the node. Generous waits only, no timings asserted.
import * as assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import type { FlowContext, UiStep } from './workbench';

export type ViewerFlowContext = FlowContext & {
  readonly model: string;
  /** A model the reader refuses (an unsupported node), in the fixture workspace. */
  readonly refusedModel: string;
};


/** The box the steps enter: the Brusselator's phase plane [0, 3] × [0, 4] with b held at 2.1. */
const BOX: ReadonlyArray<readonly [string, string]> = [['0', '3'], ['0', '4'], ['2.1', '2.1']];

/** The frame of the model viewer showing `fileName` (webviews nest the page in iframe#active-frame). */
async function viewerFrame(page: Page, fileName: string, timeoutMs = 120_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      const title = await frame.locator('main#viewer header h1').first().textContent({ timeout: 200 }).catch(() => null);
      if (title === fileName) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no model viewer showing ${fileName} after ${timeoutMs} ms`);
    await page.waitForTimeout(250);
  }
}

async function openByDoubleClick(page: Page, fileName: string): Promise<void> {
  await page.mouse.move(5, 5);
  if (!(await page.locator('.explorer-folders-view').isVisible())) await page.locator('.activitybar .action-item a[aria-label^="Explorer"]').first().click();
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: fileName }).first();
  await row.dblclick({ timeout: 60_000 });
  await page.locator('.tabs-container .tab.active', { hasText: fileName }).waitFor({ timeout: 30_000 });
}

const cellTexts = async (frame: Frame, selector: string): Promise<string[][]> => {
  const rows = frame.locator(selector);
  const out: string[][] = [];
  for (let i = 0; i < (await rows.count()); i++) out.push((await rows.nth(i).locator('td').allInnerTexts()).map((t) => t.trim()));
  return out;
};

export function viewerSteps(ctx: ViewerFlowContext): UiStep[] {
  return [
    {
      name: 'double-clicking brusselator_param.onnx opens the model viewer: inputs and outputs, the layer table 64 → 64 → 2, the operators',
      async run(page) {
        await openByDoubleClick(page, ctx.model);
        assert.equal(await page.locator('text=The file is not displayed in the text editor because it is').count(), 0, 'no binary-file warning');
        const frame = await viewerFrame(page, ctx.model);
        await frame.locator('table.layers tbody tr').first().waitFor({ timeout: 60_000 });
        const layers = await cellTexts(frame, 'table.layers tbody tr');
        ctx.log('layers:', layers.map((r) => r.join(' | ')).join(' / '));
        assert.deepEqual(layers.map((r) => r.slice(0, 4)), [['0', '64', 'ReLU', '64'], ['1', '64', 'ReLU', '64'], ['2', '2', 'none (output)', '0']]);
        assert.deepEqual(layers.map((r) => r[5]), ['256', '4160', '130'], 'parameters per layer');
        const io = await cellTexts(frame, 'table.interface tbody tr');
        assert.deepEqual(io.map((r) => r.slice(0, 3)), [['input', 'state_and_parameter', '[1, 3]'], ['output', 'next_state', '[1, 2]']]);
        const ops = await cellTexts(frame, 'table.operators tbody tr');
        assert.deepEqual(ops.map((r) => [r[0], r[2]]), [['Gemm', '✓ yes'], ['Relu', '✓ yes']]);
        for (const label of ['Certify…', 'Compare with…', 'Pruning Sweep…', 'Open Queries']) {
          assert.equal(await frame.locator('.toolbar button', { hasText: label }).count(), 1, `the ${label} button`);
        }
        const names = await frame.locator('table.box tbody tr td.mono').allInnerTexts();
        assert.deepEqual(names, ['state_and_parameter[0]', 'state_and_parameter[1]', 'state_and_parameter[2]'], 'the box form is prefilled with the model\'s input names');
        await page.waitForTimeout(300);
        await ctx.shot(page, '14-viewer-model');
      },
    },
    {
      name: 'entering the box [0, 3] × [0, 4] × [2.1, 2.1] and computing shows stable on / stable off / unstable per layer',
      async run(page) {
        const frame = await viewerFrame(page, ctx.model);
        for (const [k, [lo, hi]] of BOX.entries()) {
          await frame.locator(`input[data-input="${k}"][data-end="lo"]`).fill(lo);
          await frame.locator(`input[data-input="${k}"][data-end="hi"]`).fill(hi);
        }
        await frame.locator('button', { hasText: 'Compute neuron states' }).click();
        const summary = frame.locator('.states-summary');
        await summary.waitFor({ timeout: 60_000 });
        const text = (await summary.innerText()).replace(/\s+/g, ' ');
        ctx.log('states:', text);
        assert.match(text, /^(\d+) stable on · (\d+) stable off · (\d+) unstable of 128 ReLUs \(CROWN bounds/);
        const layers = await cellTexts(frame, 'table.layers tbody tr');
        for (const row of layers.slice(0, 2)) {
          const [on, off, unstable] = row.slice(6, 9).map(Number);
          assert.equal(on + off + unstable, 64, `layer ${row[0]}: every ReLU is on, off or unstable`);
        }
        assert.equal(await frame.locator('table.layers .bar').count(), 2, 'a bar per ReLU layer');
        await frame.locator('section', { hasText: 'Neuron states over a box' }).first().scrollIntoViewIfNeeded();
        await frame.locator('table.layers').scrollIntoViewIfNeeded();
        await page.waitForTimeout(300);
        await ctx.shot(page, '14-viewer-states');
      },
    },
    {
      name: 'double-clicking a model the reader refuses shows its typed error naming the node',
      async run(page) {
        await openByDoubleClick(page, ctx.refusedModel);
        const frame = await viewerFrame(page, ctx.refusedModel);
        const refusal = frame.locator('.refusal');
        await refusal.waitFor({ timeout: 60_000 });
        const text = (await refusal.innerText()).replace(/\s+/g, ' ');
        ctx.log('refusal:', text);
        assert.match(text, /The ONNX reader refused this model/);
        assert.match(text, /UnsupportedOperator/);
        assert.match(text, /node '\/act\/Sigmoid' \(Sigmoid, #1\)/);
        assert.deepEqual((await cellTexts(frame, 'table.operators tbody tr')).map((r) => [r[0], r[2]]), [['Gemm', '✓ yes'], ['Sigmoid', '✗ no']]);
        await page.waitForTimeout(300);
        await ctx.shot(page, '14-viewer-refused');
        // Leave the workbench as the later steps expect it: no editor open.
        await page.locator('.explorer-folders-view').first().click();
        await page.keyboard.press('F1');
        await page.locator('.quick-input-widget input').waitFor({ timeout: 15_000 });
        await page.keyboard.type('View: Close All Editors');
        await page.locator('.quick-input-list .monaco-list-row', { hasText: /^View: Close All Editors/ }).first().waitFor({ timeout: 15_000 });
        await page.keyboard.press('Enter');
        await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: 15_000 }).catch(() => undefined);
      },
    },
  ];
}
