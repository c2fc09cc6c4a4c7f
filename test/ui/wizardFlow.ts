// The Certify wizard as a person meets it the second time on a model, after the Certify step of uiFlow.ts answered
// it once: every step offers the last answers; Back returns to the previous step with its answer kept; a changed
// answer changes the steps that follow (a radius question has no "Radius r" step) and the query written; Escape
// writes nothing; and Compare Networks… on two models with different input counts is refused before any step or file.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { answerQuickInput } from './workbench';
import type { FlowContext, UiStep } from './workbench';

export type WizardFlowContext = FlowContext & {
  /** The model the Certify step already answered the wizard for (input 2 = 2.1, [0, 3] × [0, 4], centre P1, BL at 0.7). */
  readonly model: string;
  /** A model in the workspace with a different input count. */
  readonly other: string;
};


const widget = (page: Page): Locator => page.locator('.quick-input-widget');

/** Waits for the step whose text matches `expect`, and returns its whole text (title with "k/n", prompt, items). */
async function stepShowing(page: Page, expect: RegExp): Promise<string> {
  const w = widget(page);
  const deadline = Date.now() + 30_000;
  for (;;) {
    // The placeholder of a quick pick is an attribute of its input, not text.
    const placeholder = (await w.isVisible()) ? ((await w.locator('.quick-input-box input').getAttribute('placeholder').catch(() => '')) ?? '') : '';
    const text = (await w.isVisible()) ? `${placeholder} ${await w.innerText().catch(() => '')}`.replace(/\s+/g, ' ') : '';
    if (expect.test(text)) return text;
    if (Date.now() > deadline) assert.fail(`the wizard never showed ${expect} (it showed: ${text})`);
    await page.waitForTimeout(100);
  }
}

const inputValue = (page: Page): Promise<string> => widget(page).locator('.quick-input-box input').inputValue();

async function openCertify(page: Page, model: string): Promise<void> {
  await page.mouse.move(5, 5);
  if (!(await page.locator('.explorer-folders-view').isVisible())) await page.locator('.activitybar .action-item a[aria-label^="Explorer"]').first().click();
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: model }).first().click({ button: 'right' });
  const entry = page.locator('.context-view .action-item', { hasText: 'Certify Invertibility…' }).first();
  await entry.waitFor({ timeout: 15_000 });
  await entry.hover();
  await page.keyboard.press('Enter');
}

/** Walks the steps that keep their remembered answer up to the question, asserting each default on the way. */
async function acceptRememberedUpToQuestion(page: Page, totalSteps: number): Promise<void> {
  assert.match(await stepShowing(page, /Inputs held at a fixed value/), new RegExp(`\\(1/${totalSteps}\\)`), `step 1 of ${totalSteps}`);
  await answerQuickInput(page, { expect: /Inputs held at a fixed value/, keep: { selected: 1 } });
  await stepShowing(page, /Value of input 2/);
  assert.equal(await inputValue(page), '2.1', 'the held value is remembered');
  await answerQuickInput(page, { expect: /Value of input 2/, keep: {} });
  assert.match(await stepShowing(page, /Domain: /), /your last answer for this model/);
  assert.equal(await inputValue(page), '[0, 3] × [0, 4]', 'the domain is remembered');
  await answerQuickInput(page, { expect: /Domain: /, keep: {} });
  await stepShowing(page, /Centre x_c/);
  assert.equal(await inputValue(page), '(1.96433, 1.24951)', 'the centre is remembered');
  await answerQuickInput(page, { expect: /Centre x_c/, keep: {} });
}

export function wizardSteps(ctx: WizardFlowContext): UiStep[] {
  const invq = join(ctx.workspace, ctx.model.replace(/\.onnx$/, '.invq'));
  return [
    {
      name: 'the wizard reopens with the last answers, Back keeps them, and a changed question changes the steps and the query written',
      async run(page) {
        await openCertify(page, ctx.model);
        await acceptRememberedUpToQuestion(page, 8);
        const question = await stepShowing(page, /Question/);
        assert.match(question, /5\/8/, 'step 5 of 8');
        assert.match(question, /Safety radius \(local invertibility, BL\)/, 'BL named in plain words');
        assert.match(question, /Nearest other preimage \(PI\)/, 'PI named in plain words');
        await page.mouse.move(700, 700);
        await page.waitForTimeout(300);
        await ctx.shot(page, '14-wizard-step');
        await answerQuickInput(page, { expect: /Question/, keep: {} }); // the remembered "Certify … BL at r"
        await stepShowing(page, /Radius r/);
        assert.equal(await inputValue(page), '0.7', 'the radius is remembered');
        await widget(page).locator('.quick-input-titlebar .action-label[aria-label="Back"], .quick-input-titlebar .codicon-quick-input-back').first().click();
        const back = await stepShowing(page, /Question/);
        assert.match(back, /5\/8/, 'Back returns to step 5');
        const active = (await widget(page).locator('.quick-input-list .monaco-list-row.focused').innerText()).replace(/\s+/g, ' ');
        assert.match(active, /Certify local invertibility \(BL\) at r/, 'the answer given before Back is still the one highlighted');
        await answerQuickInput(page, { expect: /Question/, choose: 'Safety radius (local invertibility, BL)' });
        // A radius question has no "Radius r" step: the norm is now step 6 of 7.
        assert.match(await stepShowing(page, /Norm of the balls/), /6\/7/);
        await answerQuickInput(page, { expect: /Norm of the balls/, choose: '∞-norm' });
        const review = await stepShowing(page, /Review the query/);
        ctx.log('review:', review);
        assert.match(review, /\(7\/7\)/);
        await page.mouse.move(700, 700); // no tooltip over the step
        await page.waitForTimeout(300);
        await ctx.shot(page, '14-wizard-back');
        assert.match(review, /radius \w+ bl at \(1\.96433, 1\.24951\) within \[0, 3\] x \[0, 4\] norm inf/);
        assert.ok(!readFileSync(invq, 'utf8').includes('radius brusselator_param bl'), 'nothing is written before Run');
        await answerQuickInput(page, { expect: /Review the query/, keep: {} });
        const written = /^radius \w+ bl at \(1\.96433, 1\.24951\) within \[0, 3\] x \[0, 4\] norm inf$/m;
        for (let waited = 0; !written.test(readFileSync(invq, 'utf8')) && waited < 30_000; waited += 200) await page.waitForTimeout(200);
        assert.match(readFileSync(invq, 'utf8'), written, 'Run appended the changed query');
      },
    },
    {
      name: 'reopened once more, the wizard offers the changed question; Escape ends it and writes nothing',
      async run(page) {
        const before = readFileSync(invq, 'utf8');
        await openCertify(page, ctx.model);
        // The remembered question is now a radius: no "Radius r" step, 7 in all.
        await acceptRememberedUpToQuestion(page, 7);
        await stepShowing(page, /Question/);
        const active = (await widget(page).locator('.quick-input-list .monaco-list-row.focused').innerText()).replace(/\s+/g, ' ');
        assert.match(active, /Safety radius \(local invertibility, BL\)/, 'the changed answer is the new default');
        await page.keyboard.press('Escape');
        await page.waitForTimeout(500);
        assert.equal(readFileSync(invq, 'utf8'), before, 'Escape writes nothing');
        // The remembered-defaults picture: the domain step of a fresh run.
        await openCertify(page, ctx.model);
        await answerQuickInput(page, { expect: /Inputs held at a fixed value/, keep: { selected: 1 } });
        await answerQuickInput(page, { expect: /Value of input 2/, keep: {} });
        await stepShowing(page, /your last answer for this model/);
        await page.waitForTimeout(300);
        await ctx.shot(page, '14-wizard-remembered');
        await page.keyboard.press('Escape');
        await page.waitForTimeout(300);
      },
    },
    {
      name: 'Compare Networks… on two models with different input counts is refused at once, naming both counts, and writes nothing',
      async run(page) {
        const before = readFileSync(invq, 'utf8');
        const rows = page.locator('.explorer-folders-view .monaco-list-row');
        await rows.filter({ hasText: new RegExp(`^${ctx.model.replace('.', '\\.')}$`) }).first().click();
        const other = rows.filter({ hasText: new RegExp(`^${ctx.other.replace('.', '\\.')}$`) }).first();
        await other.click({ modifiers: ['Control'] });
        await other.click({ button: 'right' });
        const item = page.locator('.context-view .action-item', { hasText: 'Compare Networks…' }).first();
        await item.waitFor({ timeout: 15_000 });
        await item.hover();
        await page.keyboard.press('Enter');
        const toast = page.locator('.notification-toast', { hasText: /takes [23] inputs and \S+ takes [23]: networks compared on one domain need the same inputs/ }).first();
        await toast.waitFor({ timeout: 30_000 });
        ctx.log('refusal:', (await toast.innerText()).replace(/\s+/g, ' '));
        assert.equal(await widget(page).isVisible(), false, 'no wizard step opened');
        assert.equal(readFileSync(invq, 'utf8'), before, 'no query was written');
        await toast.hover(); // a hovered toast shows its whole message
        await page.waitForTimeout(500);
        await ctx.shot(page, '14-wizard-incompatible');
        await page.keyboard.press('Escape');
      },
    },
  ];
}
