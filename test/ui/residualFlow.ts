// A residual time-stepper x + τ·g(x) (residual_step_2x32.onnx: an Add of the input and a scaled MLP branch) in the
// same 2-D experience as the Brusselator: a BL radius query written in a .invq, its result in the side panel, the
// phase-plane plot with the fold curve (det DF = 0) and the radius ball, and the hover on the query line.
// The steps wait for results with generous timeouts and assert no timings.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openFile } from './workbench';
import type { FlowContext, UiStep } from './workbench';

export type ResidualFlowContext = FlowContext;

const MODEL = 'residual_step_2x32.onnx';
const QUERY = 'radius S bl at (0, 0) within D';
/** How long a person would wait for the radius at most before calling it broken (not a timing assertion). */
const RESULT_TIMEOUT = 300_000;

export function residualSteps(ctx: ResidualFlowContext): UiStep[] {
  return [
    {
      name: 'a BL radius query on the residual time-stepper: a radius with a verified pair, the plot with the fold curve, the hover',
      async run(page) {
        await page.mouse.move(5, 5);
        writeFileSync(join(ctx.workspace, 'residual.invq'),
          `model S = "${MODEL}"\ndomain D = [-2, 2] x [-2, 2]\n${QUERY}\n`);
        // Clicking the icon of the view already shown would close the side bar: click only when the explorer is hidden.
        if (!(await page.locator('.explorer-folders-view').isVisible())) await page.locator('.activitybar .action-item a[aria-label^="Explorer"]').first().click();
        await openFile(page, 'residual.invq');
        const run = page.locator('.monaco-editor .codelens-decoration a', { hasText: /^▶ Run$/ }).first();
        await run.waitFor({ timeout: 120_000 });
        await run.click();
        await page.locator('.activitybar .action-item a[aria-label^="Invertibility"]').first().click();
        const panel = ctx.panelFrame(page);
        const entry = panel.locator('li[role="option"]', { hasText: /residual\.invq/ }).first();
        await entry.waitFor({ timeout: 60_000 });
        await entry.locator('.entry-verdict', { hasText: /^\s*[✓?✗⚠]/ }).waitFor({ timeout: RESULT_TIMEOUT });
        await entry.click();
        const verdict = (await panel.locator('.detail .verdict').innerText()).replace(/\s+/g, ' ');
        ctx.log('residual radius verdict:', verdict);
        assert.match(verdict, /radius|r\s*[=∈≥]\s*[\d[]/i, 'the detail states the radius');
        const plot = panel.locator('.chart.plane svg').first();
        await plot.waitFor({ timeout: 180_000 });
        const legend = (await panel.locator('.chart.plane').innerText()).replace(/\s+/g, ' ');
        ctx.log('residual plot legend:', legend);
        assert.match(legend, /fold curve/, 'the plot draws the fold curve of the residual map');
        await plot.scrollIntoViewIfNeeded();
        await page.waitForTimeout(500); // the plot's fade-in/layout settles before the picture
        await ctx.shot(page, '13-residual-step-plot');
        await page.mouse.move(5, 5);
        await page.locator('.activitybar .action-item a[aria-label^="Explorer"]').first().click();
        await openFile(page, 'residual.invq');
        const line = page.locator('.monaco-editor .view-lines .view-line', { hasText: QUERY }).first();
        await line.waitFor({ timeout: 30_000 });
        const box = await line.boundingBox();
        assert.ok(box);
        await page.mouse.move(box.x + 20, box.y + box.height / 2);
        const hover = page.locator('.monaco-hover-content', { hasText: /radius/i }).first();
        await hover.waitFor({ timeout: 30_000 });
        ctx.log('residual hover:', (await hover.innerText()).replace(/\s+/g, ' ').slice(0, 300));
        await page.waitForTimeout(400);
        await ctx.shot(page, '13-residual-step-hover');
        await page.mouse.move(5, 5);
      },
    },
  ];
}
