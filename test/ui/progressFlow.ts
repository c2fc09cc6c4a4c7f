// A long query as a person follows it: a pruning sweep started from its .invq line shows a notification in words
// ("pruning sweep of B: level 10% (1 of 3): discrepancy in [a, b], …") with a Cancel button, and one status-bar item;
// Cancel in the notification stops it, the line reads "unresolved" with the bracket found so far, and the status item
// goes. Screenshots: 14-progress-notification.png, 14-progress-status-item.png, 14-progress-cancelled.png.
// Generous waits only; no timings asserted.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openFile } from './workbench';
import type { FlowContext, UiStep } from './workbench';

export type ProgressFlowContext = FlowContext;


const FILE = 'progress.invq';
// method direct: each level's discrepancy is a MILP over both networks (the default search answers a level in well
// under a second, before a person, or this step, could read the notification).
const QUERY = 'prune B levels 10, 30, 50 on D at (1.96433, 1.24951) method direct';

export function progressSteps(ctx: ProgressFlowContext): UiStep[] {
  return [
    {
      name: 'a running sweep shows a cancellable notification in words and one status item; Cancel keeps its bracket as unresolved',
      async run(page) {
        writeFileSync(join(ctx.workspace, FILE), ['model B = "brusselator_param.onnx"', 'fix B[2] = 2.1', 'domain D = [0, 3] x [0, 4]', QUERY, ''].join('\n'));
        await page.mouse.move(5, 5);
        // Clicking the icon of the view already shown would close the side bar: click only when the explorer is hidden.
        if (!(await page.locator('.explorer-folders-view').isVisible())) await page.locator('.activitybar .action-item a[aria-label^="Explorer"]').first().click();
        await openFile(page, FILE);
        const line = page.locator('.monaco-editor .view-lines .view-line', { hasText: 'prune B levels' }).first();
        await line.waitFor({ timeout: 30_000 });
        await line.click();
        await page.keyboard.press('Control+Alt+Enter');

        const toast = page.locator('.notifications-toasts .notification-toast', { hasText: /pruning sweep of B/ }).first();
        await toast.locator('.notification-list-item-message', { hasText: /level 10% \(1 of 3\): discrepancy (in \[|≥)/ }).waitFor({ timeout: 240_000 });
        const words = (await toast.innerText()).replace(/\s+/g, ' ');
        ctx.log('progress notification:', words);
        assert.doesNotMatch(words, /gap \d+%|det DF|survive the screen|split:/, 'the notification has no engine jargon');
        const status = page.locator('.statusbar-item', { hasText: /Invertibility:/ });
        assert.equal(await status.count(), 1, 'one status item while the sweep runs');
        ctx.log('status item:', (await status.first().innerText()).replace(/\s+/g, ' '));
        await page.waitForTimeout(300); // the toast's slide-in settles before the picture
        await ctx.shot(page, '14-progress-notification');
        const bar = await page.locator('.part.statusbar').boundingBox();
        assert.ok(bar);
        await page.screenshot({ path: join(ctx.outDir, '14-progress-status-item.png'), clip: { x: 0, y: bar.y - 4, width: Math.min(900, bar.width), height: bar.height + 8 } });

        await toast.hover();
        await toast.locator('.monaco-button', { hasText: /^Cancel$/ }).first().click();
        // The inline verdict is a CSS ::after decoration (not in the DOM text): the notification's end marks the cancel.
        await toast.waitFor({ state: 'detached', timeout: 120_000 });
        await page.locator('.statusbar-item', { hasText: /Invertibility:/ }).waitFor({ state: 'detached', timeout: 30_000 }).catch(async () => {
          assert.equal(await page.locator('.statusbar-item', { hasText: /Invertibility:/ }).isVisible(), false, 'the status item goes when the job ends');
        });
        assert.equal(await page.locator('.notifications-toasts .notification-toast', { hasText: /pruning sweep of B/ }).count(), 0, 'the notification is gone');
        await ctx.shot(page, '14-progress-cancelled');
      },
    },
  ];
}
