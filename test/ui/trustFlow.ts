// Workspace Trust, as a person meets it: the rest of the UI flow runs with trust off (the test host's settings); these
// steps turn it on (startup prompt off, so an unknown folder opens in Restricted Mode), open a second copy of the
// fixture workspace, and check that ▶ Run says Restricted Mode, that running shows a warning with "Manage Workspace
// Trust" and writes nothing, that trusting the folder lets the query run without a reload, and that a prune whose
// `out` folder lies outside the workspace asks first (modal, naming the path) and stays unrun on Cancel.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { openFile } from './workbench';
import type { UiStep } from './workbench';

export interface TrustFlowContext {
  readonly baseUrl: string;
  /** A fresh copy of the fixture workspace, never opened before (so not trusted). */
  readonly workspace: string;
  /** The test host's user settings.json. */
  readonly settings: string;
  readonly shot: (page: Page, name: string) => Promise<unknown>;
}


const lens = (page: Page, text: RegExp) => page.locator('.monaco-editor .codelens-decoration a', { hasText: text }).first();
const notification = (page: Page, text: RegExp) => page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();

export function trustSteps(ctx: TrustFlowContext): UiStep[] {
  const sidecar = join(ctx.workspace, '.invcert', 'results', 'tiny.invq.results.json');
  const outsideDir = resolve(ctx.workspace, '..', `${basename(ctx.workspace)}-pruned`);
  return [
    {
      name: 'with Workspace Trust on, an untrusted folder opens in Restricted Mode and the extension still activates',
      async run(page) {
        const settings = JSON.parse(readFileSync(ctx.settings, 'utf8')) as Record<string, unknown>;
        writeFileSync(ctx.settings, JSON.stringify({
          ...settings, 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never',
        }, null, 2));
        writeFileSync(join(ctx.workspace, 'outside.invq'), [
          'model tiny = "vnncomp2021_test_tiny.onnx"',
          `prune tiny levels 50 on [0, 1] at (0.5) out "../${basename(outsideDir)}/"`,
          '',
        ].join('\n'));
        await page.goto(`${ctx.baseUrl}/?folder=${encodeURIComponent(ctx.workspace)}`);
        await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'tiny.invq' }).waitFor({ timeout: 120_000 });
        await page.locator('.statusbar, .monaco-workbench').getByText(/Restricted Mode/).first().waitFor({ timeout: 60_000 });
      },
    },
    {
      name: 'in Restricted Mode the Run lens says so, and running shows a warning naming Restricted Mode with "Manage Workspace Trust"; nothing is written',
      async run(page) {
        await openFile(page, 'tiny.invq');
        const run = lens(page, /Run \(Restricted Mode/);
        await run.waitFor({ timeout: 120_000 });
        await run.click();
        const toast = notification(page, /Restricted Mode/);
        await toast.waitFor({ timeout: 30_000 });
        assert.match(await toast.innerText(), /needs a trusted workspace/);
        await toast.getByRole('button', { name: 'Manage Workspace Trust' }).waitFor({ timeout: 5_000 });
        await ctx.shot(page, '6-restricted-mode');
        assert.equal(existsSync(sidecar), false, 'no results file in Restricted Mode');
      },
    },
    {
      name: '"Manage Workspace Trust" opens the trust editor; trusting the folder lets ▶ Run run the query without a reload',
      async run(page) {
        await notification(page, /Restricted Mode/).getByRole('button', { name: 'Manage Workspace Trust' }).click();
        const trust = page.locator('.workspace-trust-editor .monaco-button', { hasText: /^Trust$|^Trust Folder$/ }).first();
        await trust.waitFor({ timeout: 30_000 });
        await trust.click();
        await page.locator('.workspace-trust-editor', { hasText: 'You trust this folder' }).waitFor({ timeout: 30_000 });
        // The trust editor opens as a modal editor over the workbench: a click on the backdrop closes it.
        const backdrop = page.locator('.monaco-modal-editor-block');
        await backdrop.click({ position: { x: 5, y: 5 } });
        await backdrop.waitFor({ state: 'detached', timeout: 10_000 });
        const run = lens(page, /^▶ Run$/);
        await run.waitFor({ timeout: 60_000 });
        await run.click();
        await lens(page, /^Show in panel$/).waitFor({ timeout: 120_000 });
        for (let i = 0; i < 100 && !existsSync(sidecar); i++) await page.waitForTimeout(100);
        assert.ok(existsSync(sidecar), 'the results file is written once trusted');
      },
    },
    {
      name: 'a prune whose out folder is outside the workspace asks first in a modal naming the path; Cancel leaves it unrun',
      async run(page) {
        await openFile(page, 'outside.invq');
        await lens(page, /^▶ Run$/).click();
        const dialog = page.locator('.monaco-dialog-box', { hasText: 'outside the workspace folder' });
        await dialog.waitFor({ timeout: 30_000 });
        assert.ok((await dialog.innerText()).includes(outsideDir), `the dialog names ${outsideDir}`);
        await ctx.shot(page, '7-outside-path-confirmation');
        await dialog.getByRole('button', { name: 'Cancel' }).click();
        await notification(page, /was not allowed/).waitFor({ timeout: 30_000 });
        assert.equal(existsSync(outsideDir), false, 'nothing was written outside the workspace');
      },
    },
  ];
}
