// Moves a person makes in the VS Code workbench, as Playwright steps that work in code-server + headless Chromium.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';

/** One step of a walk through the workbench: what a person does, and what the screen must show after it. */
export interface UiStep {
  readonly name: string;
  run(page: Page): Promise<void>;
}

/** What uiFlow.ts hands every flow file: the workspace the host opened, where pictures go, the panel, the log. */
export interface FlowContext {
  readonly workspace: string;
  readonly outDir: string;
  readonly shot: (page: Page, name: string) => Promise<unknown>;
  readonly panelFrame: (page: Page) => FrameLocator;
  readonly log: (...parts: unknown[]) => void;
}

/** Right-clicks an explorer row and runs a context-menu item. A synthetic click on a freshly opened menu item
 * is ignored by VS Code's custom menu; hovering focuses the item and Enter runs it. */
export async function openExplorerContextMenu(page: Page, fileName: string, item: string): Promise<void> {
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: fileName }).first().click({ button: 'right' });
  const entry = page.locator('.context-view .action-item', { hasText: item }).first();
  await entry.waitFor({ timeout: 15_000 });
  await entry.hover();
  await page.keyboard.press('Enter');
}

/**
 * Opens a workspace file from the explorer (waiting for the watcher to list it) and waits for its editor tab. A click
 * can land while the list re-renders (a results file just written adds a row and shifts the rest), so a click that
 * opens nothing within 5 s is repeated, for 30 s in all.
 */
export async function openFile(page: Page, name: string): Promise<void> {
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
  const tab = page.locator('.tabs-container .tab.active', { hasText: name });
  await row.click({ timeout: 60_000 });
  for (let attempt = 1; ; attempt++) {
    try {
      await tab.waitFor({ timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt >= 6) throw error;
      await row.click({ timeout: 10_000 });
    }
  }
}

export interface QuickInputAnswer {
  /** What the quick input must show (title, prompt or placeholder): the test asserts it asks the right thing. */
  readonly expect: RegExp;
  /** Text for an input box (replaces the suggested value). */
  readonly type?: string;
  /** Label of the single item to accept in a quick pick. */
  readonly choose?: string;
  /** Labels to tick in a multi-select quick pick. */
  readonly pick?: readonly string[];
  /** Accept the step's default as it stands (a multi-select pick: asserting this many items are ticked). */
  readonly keep?: { readonly selected?: number };
}

export async function answerQuickInput(page: Page, answer: QuickInputAnswer): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('.quick-input-box input');
  const deadline = Date.now() + 30_000;
  let shown = '';
  // Wait until the widget shows this step (the previous step's widget may still be closing).
  for (;;) {
    if (await widget.isVisible()) {
      const placeholder = (await input.getAttribute('placeholder')) ?? '';
      const title = (await widget.locator('.quick-input-title').innerText().catch(() => '')) ?? '';
      const message = (await widget.locator('.quick-input-message').innerText().catch(() => '')) ?? '';
      shown = `${title} | ${placeholder} | ${message}`;
      if (answer.expect.test(shown)) break;
    }
    if (Date.now() > deadline) assert.fail(`the quick input never asked ${answer.expect} (it showed: ${shown})`);
    await page.waitForTimeout(100);
  }
  if (answer.keep) {
    if (answer.keep.selected !== undefined) {
      const badge = widget.locator('.quick-input-count').first();
      await waitUntil(async () => (await badge.innerText().catch(() => '')).includes(String(answer.keep?.selected)), 5_000);
      assert.match(await badge.innerText(), new RegExp(`\\b${answer.keep.selected}\\b`), 'the remembered inputs are ticked');
    }
    await page.keyboard.press('Enter');
  } else if (answer.type !== undefined) {
    await input.fill(answer.type);
    await page.keyboard.press('Enter');
  } else if (answer.choose !== undefined) {
    const row = widget.locator('.quick-input-list .monaco-list-row', { hasText: answer.choose }).first();
    await row.waitFor({ timeout: 10_000 });
    await row.click();
  } else {
    const picks = answer.pick ?? [];
    for (const label of picks) {
      const row = widget.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
      await row.waitFor({ timeout: 10_000 });
      await row.click(); // in a multi-select pick, clicking a row toggles its checkbox
    }
    // The "N Selected" badge confirms the ticks took.
    const badge = widget.locator('.quick-input-count').first();
    await waitUntil(async () => (await badge.innerText().catch(() => '')).includes(String(picks.length)), 5_000);
    assert.match(await badge.innerText(), new RegExp(`\\b${picks.length}\\b`), 'the picked inputs are ticked');
    await page.keyboard.press('Enter');
  }
  await waitUntil(async () => !(await widget.isVisible()) || !answer.expect.test(await widget.innerText().catch(() => '')), 10_000);
}

/**
 * Answers VS Code's save dialog (in code-server a quick input holding the path) with `path` and waits for the file.
 * code-server's dialog completes what is typed against the folder's entries while it reads it, so the path is typed,
 * left to settle, typed again if the dialog changed it, and accepted; up to 5 times.
 */
export async function answerSaveDialog(page: Page, path: string, log: (...parts: unknown[]) => void): Promise<void> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ timeout: 30_000 });
  for (let attempt = 0; attempt < 5 && !existsSync(path); attempt++) {
    if (!(await input.isVisible())) break;
    await input.fill(path);
    await page.waitForTimeout(700);
    if ((await input.inputValue()) !== path) {
      log('save dialog changed the path to', await input.inputValue());
      await input.fill(path);
      await page.waitForTimeout(300);
    }
    await page.keyboard.press('Enter');
    await page.waitForTimeout(1000);
  }
  const deadline = Date.now() + 30_000;
  while (!existsSync(path) && Date.now() < deadline) await page.waitForTimeout(200);
  assert.ok(existsSync(path), `the file was saved to ${path}`);
}

async function waitUntil(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

function findFiles(dir: string, name: string, found: string[] = []): string[] {
  if (!existsSync(dir)) return found;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) findFiles(path, name, found);
    else if (entry.name === name) found.push(path);
  }
  return found;
}

/** Server-side proof of activation: the remote extension host logs `_doActivateExtension <id>`. */
export async function waitForActivation(logsDir: string, extensionId: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const needle = `_doActivateExtension ${extensionId}`;
  while (Date.now() < deadline) {
    if (findFiles(logsDir, 'remoteexthost.log').some((f) => readFileSync(f, 'utf8').includes(needle))) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  assert.fail(`${extensionId} never activated (no '${needle}' in ${logsDir})`);
}
