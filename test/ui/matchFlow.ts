// Matching and pruning, as a person meets them: right-click brusselator_param.onnx → Pruning Sweep… at 10 to 60 %,
// then the panel shows the chart (level against discrepancy and radius) and the table with every level's discrepancy,
// the input attaining it, the radius, the file and the time; then the model and its 10 % copy selected together →
// Compare Networks… → Discrepancy, whose verdict is a number with the input that attains it, worded as a discrepancy.
// The steps wait for results with generous timeouts and assert no timings.
import * as assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import { answerQuickInput, openExplorerContextMenu } from './workbench';
import type { FlowContext, UiStep } from './workbench';

export type MatchFlowContext = FlowContext & { readonly model: string };


const LEVELS = [10, 20, 30, 40, 50, 60];
/** How long a person would wait for the whole sweep at most before calling it broken (not a timing assertion). */
const RESULT_TIMEOUT = 600_000;

/** The Brusselator's fixed parameter b = 2.1, its phase-plane domain: the quick inputs every matching command asks
 * first. The wizard remembers them from the Certify step before (input 2 already ticked); the values are typed anyway. */
async function answerModelInputs(page: Page): Promise<void> {
  await answerQuickInput(page, { expect: /Inputs held at a fixed value/, keep: { selected: 1 } });
  await answerQuickInput(page, { expect: /Value of input 2/, type: '2.1' });
  await answerQuickInput(page, { expect: /Domain: \[lo, hi\] × \[lo, hi\] for input 0/, type: '[0, 3] × [0, 4]' });
}

export function matchSteps(ctx: MatchFlowContext): UiStep[] {
  // Clicking the icon of the view already shown would close the side bar: click only when the explorer is hidden.
  const explorer = async (page: Page): Promise<void> => {
    await page.mouse.move(5, 5);
    if (!(await page.locator('.explorer-folders-view').isVisible())) await page.locator('.activitybar .action-item a[aria-label^="Explorer"]').first().click();
    await page.locator('.explorer-folders-view').waitFor({ timeout: 15_000 });
  };
  /** Opens the side panel, waits until the entry of `query` has its verdict (the query finished), and selects it. */
  const openFinished = async (page: Page, query: RegExp): Promise<FrameLocator> => {
    await page.mouse.move(5, 5);
    await page.locator('.activitybar .action-item a[aria-label^="Invertibility"]').first().click();
    const panel = ctx.panelFrame(page);
    const entry = panel.locator('li[role="option"]', { hasText: query }).first();
    await entry.waitFor({ timeout: 60_000 });
    await entry.locator('.entry-verdict', { hasText: /^\s*[✓?✗⚠]/ }).waitFor({ timeout: RESULT_TIMEOUT });
    await entry.click();
    return panel;
  };
  return [
    {
      name: 'Pruning Sweep… on the Brusselator model shows the chart and the full table: every level with its discrepancy, attaining input and radius',
      async run(page) {
        await explorer(page);
        await openExplorerContextMenu(page, ctx.model, 'Pruning Sweep…');
        await answerQuickInput(page, { expect: /Pruning levels/, type: LEVELS.join(', ') });
        await answerModelInputs(page);
        await answerQuickInput(page, { expect: /Centre x_c/, type: '(1.96433, 1.24951)' });
        await answerQuickInput(page, { expect: /Norm of the balls/, choose: '∞-norm' });
        await answerQuickInput(page, { expect: /Review the query/, keep: {} });
        // The progress steps before left a cancelled sweep of another file (model B) in the list: pick this model's.
        const panel = await openFinished(page, /brusselator_param\s*prune sweep/);
        const rows = panel.locator('table.sweep tbody tr');
        await rows.first().waitFor({ timeout: 120_000 });
        assert.equal(await rows.count(), LEVELS.length, 'one table row per level');
        for (const [i, level] of LEVELS.entries()) {
          const cells = (await rows.nth(i).locator('td').allInnerTexts()).map((t) => t.trim());
          ctx.log(`sweep row: ${cells.join(' | ')}`);
          assert.equal(cells[0], `${level}%`);
          assert.match(cells[1], /^(\d[\d.e-]*|in \[[\d.e-]+, [\d.e-]+\])$/, `level ${level}: the discrepancy is a number or its bracket`);
          assert.match(cells[2], /^\(-?\d[\d.e-]*, -?\d[\d.e-]*\)$/, `level ${level}: the input attaining it`);
          // A radius search that broke inside (a solver failure) is a row that says so, not a missing table.
          assert.match(cells[3], /^(\d[\d.e-]*|in \[[\d.e-]+, [\d.e-]+\]|≥ [\d.e-]+|search failed)$/, `level ${level}: the radius or its bracket`);
          assert.match(cells[5], new RegExp(`_pruned${level}\\.onnx$`), `level ${level}: the written file`);
        }
        assert.equal(await panel.locator('.chart.prune svg').count(), 2, 'a chart of the discrepancy and one of the radius, by level');
        await panel.locator('.chart.prune').scrollIntoViewIfNeeded();
        await page.waitForTimeout(500); // the charts' layout settles before the picture
        await ctx.shot(page, '9-pruning-sweep');
        await panel.locator('table.sweep').scrollIntoViewIfNeeded();
        await page.waitForTimeout(300);
        await ctx.shot(page, '9-pruning-sweep-table');
      },
    },
    {
      name: 'Compare Networks… on the model and its 10% copy shows the discrepancy as a number with the input that attains it',
      async run(page) {
        await explorer(page);
        // The sweep wrote its copies to pruned/ beside the .invq: open the folder, select both models, right-click.
        const rows = page.locator('.explorer-folders-view .monaco-list-row');
        const folder = rows.filter({ hasText: /^pruned$/ }).first();
        await folder.waitFor({ timeout: 60_000 });
        if ((await folder.getAttribute('aria-expanded')) !== 'true') await folder.click();
        const copy = rows.filter({ hasText: 'brusselator_param_pruned10.onnx' }).first();
        await copy.waitFor({ timeout: 30_000 });
        await rows.filter({ hasText: new RegExp(`^${ctx.model.replace('.', '\\.')}$`) }).first().click();
        await copy.click({ modifiers: ['Control'] });
        await copy.click({ button: 'right' });
        const item = page.locator('.context-view .action-item', { hasText: 'Compare Networks…' }).first();
        await item.waitFor({ timeout: 15_000 });
        await item.hover();
        await page.keyboard.press('Enter');
        await answerQuickInput(page, { expect: /Matching query/, choose: 'Discrepancy' });
        await answerModelInputs(page);
        await answerQuickInput(page, { expect: /Norm of the balls/, choose: '∞-norm' });
        await answerQuickInput(page, { expect: /Review the query/, keep: {} });
        const panel = await openFinished(page, /match discrepancy/);
        const verdict = (await panel.locator('.detail .verdict').innerText()).replace(/\s+/g, ' ');
        ctx.log('compare verdict:', verdict);
        assert.match(verdict, /max ‖f₁−f₂‖∞ (= [\d.e-]+|∈ \[[\d.e-]+, [\d.e-]+\]) at x = \(/, 'a discrepancy: a number (or its bracket) and where it is attained');
        assert.doesNotMatch(verdict, /counterexample|gap \d+%/i, 'worded as a discrepancy, not a counterexample or a gap');
        const witness = panel.locator('.detail table.witness');
        await witness.waitFor({ timeout: 60_000 });
        assert.match(await witness.innerText(), /x \(attains the max\)/);
        await witness.scrollIntoViewIfNeeded();
        await page.waitForTimeout(400);
        await ctx.shot(page, '10-compare-networks');
      },
    },
  ];
}
