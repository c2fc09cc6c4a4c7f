// A person's path through the extension in a real VS Code (code-server's workbench in headless Chromium), with
// the packaged .vsix installed: right-click brusselator_param.onnx → Certify Invertibility…, answer the quick
// inputs, wait for the verdict, open the side panel, hover the counterexample,
// then select the result in the panel to see its phase-plane plot; then a query on a map with more inputs than
// outputs, whose note carries a colliding pair before any run; then a BL radius on a residual time-stepper with its
// plot and fold curve (./residualFlow.ts); then a pruning sweep and a comparison of the model
// with its pruned copy (./matchFlow.ts). Each step asserts what is on
// screen; screenshots go to <outDir>. Then the Workspace Trust steps (./trustFlow.ts) on a second, untrusted copy of
// the workspace. Prints "N passed, N failed" (a failed step stops the steps after it).
//
// Usage: node --import tsx test/ui/uiFlow.ts <baseUrl> <workspace> <outDir> <untrusted workspace> <settings.json>
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { launchWorkbenchBrowser, stopwatchLog } from '../helpers/workbenchBrowser';
import { matchSteps } from './matchFlow';
import { residualSteps } from './residualFlow';
import { studySteps } from './studyFlow';
import { panelSteps } from './panelFlow';
import { progressSteps } from './progressFlow';
import { trustSteps } from './trustFlow';
import { viewerSteps } from './viewerFlow';
import { wizardSteps } from './wizardFlow';
import { answerQuickInput, openExplorerContextMenu, openFile, waitForActivation } from './workbench';
import type { FlowContext, UiStep } from './workbench';

const [baseUrl, workspace, outDir, untrustedWorkspace, settings] = process.argv.slice(2);
const log = stopwatchLog('ui');
const MODEL = 'brusselator_param.onnx';


const shot = (page: Page, name: string): Promise<Buffer> => page.screenshot({ path: join(outDir, `${name}.png`) });
// The side panel's webview, not a model viewer's (a custom editor is a webview too): VS Code tags each iframe with
// its purpose.
const panelFrame = (page: Page): FrameLocator => page.frameLocator('iframe.webview.ready[src*="purpose=webviewView"]').frameLocator('iframe#active-frame');
/** The workbench and workspace every flow file walks through. */
const flow: FlowContext = { workspace, outDir, shot, panelFrame, log };
const invqLine = (page: Page, text: string) => page.locator('.monaco-editor .view-lines .view-line', { hasText: text }).first();

const steps: UiStep[] = [
  {
    name: 'the workbench opens the fixture workspace and the extension activates',
    async run(page) {
      // A loaded machine takes longer than the default 30 s for the workbench's first page load.
      await page.goto(`${baseUrl}/?folder=${encodeURIComponent(workspace)}`, { timeout: 120_000 });
      await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: MODEL }).waitFor({ timeout: 120_000 });
      // The activity-bar icon appears once the remote extension host registered the contributions; the palette
      // and menus opened earlier would not list them.
      await page.locator('.activitybar .action-item a[aria-label^="Invertibility"]').first().waitFor({ timeout: 120_000 });
      if (process.env.INVCERT_UI_LOGS) await waitForActivation(process.env.INVCERT_UI_LOGS, 'invcert.invertibility-certifier', 120_000);
    },
  },
  ...viewerSteps({ ...flow, model: MODEL, refusedModel: 'sigmoid_refused.onnx' }),
  {
    name: 'right-click on the model offers "Certify Invertibility…" and the quick inputs build the query',
    async run(page) {
      await openExplorerContextMenu(page, MODEL, 'Certify Invertibility…');
      // The wizard's steps (0-based input labels with the model's names, a hint sized to the free inputs), then its
      // review step: nothing is written before "Run".
      await answerQuickInput(page, { expect: /Inputs held at a fixed value/, pick: ['input 2'] });
      await answerQuickInput(page, { expect: /Value of input 2 \(state_and_parameter\[2\]\)/, type: '2.1' });
      await answerQuickInput(page, { expect: /Domain: \[lo, hi\] × \[lo, hi\] for input 0 \(state_and_parameter\[0\]\), input 1/, type: '[0, 3] × [0, 4]' });
      await answerQuickInput(page, { expect: /Centre x_c/, type: '(1.96433, 1.24951)' });
      await answerQuickInput(page, { expect: /Question/, choose: 'Certify local invertibility (BL) at r' });
      await answerQuickInput(page, { expect: /Radius r/, type: '0.7' });
      await answerQuickInput(page, { expect: /Norm of the balls/, choose: '∞-norm' });
      await answerQuickInput(page, { expect: /Review the query/, keep: {} });
      const query = invqLine(page, 'certify');
      await query.waitFor({ timeout: 30_000 });
      // The domain given is the domain used: the query clips its ball to it, and the panel plots it.
      assert.match((await query.innerText()).replace(/\s+/g, ' '), /certify \w+ bl at \(1\.96433, 1\.24951\) radius 0\.7 within \[0, 3\] x \[0, 4\] norm inf/);
      await shot(page, '1-query-written');
    },
  },
  {
    name: 'the verdict appears: a counterexample, in the Problems panel',
    async run(page) {
      await page.keyboard.press('Control+Shift+M');
      const problem = page.locator('.markers-panel .monaco-list-row', { hasText: /counterexample/i }).first();
      await problem.waitFor({ timeout: 240_000 });
      log('problems:', (await problem.innerText()).replace(/\s+/g, ' '));
      await shot(page, '2-verdict-problems');
      await page.keyboard.press('Control+Shift+M');
    },
  },
  {
    name: 'the side panel lists the result and shows its detail',
    async run(page) {
      await page.locator('.activitybar .action-item a[aria-label^="Invertibility"]').first().click();
      const panel = panelFrame(page);
      await panel.getByText(/counterexample/i).first().waitFor({ timeout: 60_000 });
      const body = await panel.locator('body').innerText();
      assert.match(body, /brusselator_param\.invq/, 'the entry names its file');
      await shot(page, '3-side-panel');
    },
  },
  {
    name: "the panel's webview refuses an injected inline script (CSP)",
    async run(page) {
      const frame = page.frames().find((f) => f.name() === 'active-frame' || f.url().includes('fake.html'));
      assert.ok(frame, 'the panel content frame exists');
      const outcome = await frame.evaluate(async () => {
        const w = window as unknown as { __invcertInline?: number };
        const violation = new Promise<string>((resolve) => {
          document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true });
          setTimeout(() => resolve('none'), 2000);
        });
        const script = document.createElement('script');
        script.textContent = 'window.__invcertInline = 1;';
        document.body.appendChild(script);
        return { ran: w.__invcertInline === 1, violated: await violation };
      });
      assert.equal(outcome.ran, false, 'inline script did not run');
      assert.match(outcome.violated, /^script-src/, 'the browser reported a CSP violation');
    },
  },
  {
    name: 'hovering the counterexample query shows the counterexample table',
    async run(page) {
      await page.locator('.activitybar .action-item a[aria-label^="Explorer"]').first().click();
      const line = invqLine(page, 'radius 0.7');
      await line.waitFor({ timeout: 30_000 });
      const box = await line.boundingBox();
      assert.ok(box);
      await page.mouse.move(box.x + 20, box.y + box.height / 2);
      const hover = page.locator('.monaco-hover-content .rendered-markdown', { hasText: /Show in panel/ }).first();
      await hover.waitFor({ timeout: 30_000 });
      assert.ok((await hover.locator('table').count()) > 0, 'the hover holds a table');
      const text = (await hover.innerText()).replace(/\s+/g, ' ');
      log('hover:', text.slice(0, 400));
      assert.match(text, /^Show in panel · Copy as JSON · Re-run/, 'the links come first');
      assert.match(text, /local invertibility \(BL\)/, 'the question in plain words');
      const inputRow = (await hover.locator('tr').allInnerTexts()).map((t) => t.trim()).find((t) => /^input\s/.test(t)) ?? '';
      const firstCoordinate = /\(([^,]+),/.exec(inputRow)?.[1];
      assert.ok(firstCoordinate, `the table has a row of the pair's inputs (${inputRow})`);
      assert.equal(text.split(firstCoordinate).length - 1, 1, `the result hover shows x's first coordinate (${firstCoordinate}) once`);
      assert.doesNotMatch(text, /objective|0 binaries/);
      // The witness follow-ups are quick fixes: the problem's hover offers them instead of "No quick fixes available".
      const widget = page.locator('.monaco-hover').filter({ has: page.locator('.rendered-markdown', { hasText: /Show in panel/ }) }).first();
      await widget.getByText(/Quick Fix/).first().waitFor({ timeout: 30_000 });
      assert.doesNotMatch(await widget.innerText(), /No quick fixes available/);
      await page.waitForTimeout(400); // the hover's fade-in settles before the picture
      await shot(page, '4-hover-counterexample');
      await shot(page, '14-hover');
    },
  },
  {
    name: 'clicking the result in the side panel shows its detail with the phase-plane plot',
    async run(page) {
      await page.mouse.move(5, 5); // let the hover close
      await page.locator('.activitybar .action-item a[aria-label^="Invertibility"]').first().click();
      // A wider side bar gives the plot room (the detail view sizes it to the panel, up to 720 px).
      const sidebar = await page.locator('.part.sidebar').boundingBox();
      assert.ok(sidebar);
      const edge = { x: sidebar.x + sidebar.width + 1, y: sidebar.y + sidebar.height / 2 };
      await page.mouse.move(edge.x, edge.y);
      await page.mouse.down();
      await page.mouse.move(edge.x + 380, edge.y, { steps: 8 });
      await page.mouse.up();
      const panel = panelFrame(page);
      await panel.locator('li[role="option"]', { hasText: /brusselator/ }).first().click();
      const plot = panel.locator('.chart.plane svg').first();
      await plot.waitFor({ timeout: 180_000 });
      assert.ok((await panel.locator('.chart.plane svg').count()) > 0, 'the phase-plane plot is an svg');
      const legend = (await panel.locator('.chart.plane .legend').innerText().catch(() => '')).replace(/\s+/g, ' ');
      log('plot legend:', legend);
      await plot.scrollIntoViewIfNeeded();
      await page.waitForTimeout(500); // the plot's fade-in/layout settles before the picture
      await shot(page, '5-panel-plot');
    },
  },
  ...panelSteps(flow),
  {
    name: 'a query on a 3 → 2 map: before any run, its note in Problems and its hover show a colliding pair',
    async run(page) {
      await page.mouse.move(5, 5);
      writeFileSync(join(workspace, 'wide.invq'), 'model F = "brusselator_param.onnx"\ncertify F bl at (1, 1, 2) radius 0.1\n');
      await page.locator('.activitybar .action-item a[aria-label^="Explorer"]').first().click();
      await openFile(page, 'wide.invq');
      await page.keyboard.press('Control+Shift+M');
      const note = page.locator('.markers-panel .monaco-list-row', { hasText: /not injective\. x = \(/ }).first();
      await note.waitFor({ timeout: 120_000 });
      log('note:', (await note.innerText()).replace(/\s+/g, ' '));
      const line = invqLine(page, 'certify F bl');
      const box = await line.boundingBox();
      assert.ok(box);
      await page.mouse.move(box.x + 30, box.y + box.height / 2);
      const hover = page.locator('.monaco-hover-content', { hasText: /not injective/ }).first();
      await hover.waitFor({ timeout: 30_000 });
      assert.match((await hover.innerText()).replace(/\s+/g, ' '), /x = \([^)]+\), y = \([^)]+\) have F\(x\) = F\(y\)/);
      await page.waitForTimeout(400); // the hover's fade-in settles before the picture
      await shot(page, '8-null-space-note');
      await page.mouse.move(5, 5);
      await page.keyboard.press('Control+Shift+M');
    },
  },
  ...residualSteps(flow),
  ...wizardSteps({ ...flow, model: MODEL, other: 'mlp_gemm.onnx' }),
  ...progressSteps(flow),
  ...matchSteps({ ...flow, model: MODEL }),
  ...studySteps(flow),
  ...trustSteps({ baseUrl, workspace: untrustedWorkspace, settings, shot }),
];

async function main(): Promise<number> {
  const wb = await launchWorkbenchBrowser();
  wb.page.on('pageerror', (e) => log('page error:', e.message));
  let passed = 0;
  let failed = 0;
  try {
    // INVCERT_UI_STEPS (a regular expression) runs the first step and the steps whose names match, for a local run.
    const only = process.env.INVCERT_UI_STEPS ? new RegExp(process.env.INVCERT_UI_STEPS) : undefined;
    for (const [i, step] of steps.entries()) {
      if (only && i > 0 && !only.test(step.name)) continue;
      try {
        await step.run(wb.page);
        passed++;
        log(`✔ ${step.name}`);
      } catch (error) {
        failed += steps.length - i; // the steps after this one depend on it
        log(`✖ ${step.name}\n${String(error instanceof Error ? error.stack ?? error.message : error)}`);
        await shot(wb.page, 'failure').catch(() => undefined);
        break;
      }
    }
  } finally {
    await wb.close();
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error('ui flow crashed:', e);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
