// The side panel as a person reads it, on the Brusselator counterexample the certify step found: narrow in the dark
// theme (no number breaks inside), wide in the light theme (themes picked with Preferences: Color Theme) (the plot fits the screen), zoomed to the witness pair
// with a tooltip on x, saved as SVG through the save dialog; then a 3-input model (vdp.invq) whose result is drawn
// as a 2-D slice through the centre, with the axes picked in the panel. Steps wait generously and assert no timings.
import * as assert from 'node:assert/strict';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { answerSaveDialog, openFile } from './workbench';
import type { FlowContext, UiStep } from './workbench';

export type PanelFlowContext = FlowContext;


const activity = (page: Page, label: string) => page.locator(`.activitybar .action-item a[aria-label^="${label}"]`).first();

/** Drags the side bar's right edge so the side bar is `width` px wide. */
export async function setSidebarWidth(page: Page, width: number): Promise<void> {
  const sidebar = await page.locator('.part.sidebar').boundingBox();
  assert.ok(sidebar, 'the side bar is shown');
  const edge = { x: sidebar.x + sidebar.width + 1, y: sidebar.y + sidebar.height / 2 };
  await page.mouse.move(edge.x, edge.y);
  await page.mouse.down();
  await page.mouse.move(sidebar.x + width, edge.y, { steps: 8 });
  await page.mouse.up();
  await page.waitForTimeout(600); // the panel re-lays out its plot after a resize settles
}

/** Picks a colour theme with Preferences: Color Theme (Ctrl+K Ctrl+T), as a person would, and waits for it. */
export async function setTheme(page: Page, theme: string, kind: 'vs' | 'vs-dark'): Promise<void> {
  if (await page.locator(`.monaco-workbench.${kind}`).count() > 0) return;
  const input = page.locator('.quick-input-widget .quick-input-box input');
  // Focus the editor (not the webview), then Preferences: Color Theme by its keys.
  await page.keyboard.press('Escape');
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+T');
  await input.waitFor({ timeout: 15_000 });
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: theme }).first().waitFor({ timeout: 15_000 });
  await input.fill(theme);
  await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: theme }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page.locator(`.monaco-workbench.${kind}`).waitFor({ timeout: 30_000 });
  await page.waitForTimeout(800); // the webview repaints with the new theme variables
}

/** True when no table cell of the witness table spans more than one line (a number never wraps inside). */
async function witnessCellsOnOneLine(panel: FrameLocator): Promise<boolean> {
  return panel.locator('table.witness').first().evaluate((table) =>
    Array.from(table.querySelectorAll('td')).every((td) => td.getClientRects().length === 1 && td.offsetHeight < 2 * (parseFloat(getComputedStyle(td).lineHeight) || 16) + 6));
}

export function panelSteps(ctx: PanelFlowContext): UiStep[] {
  const openPanelOn = async (page: Page, entryText: RegExp): Promise<FrameLocator> => {
    await page.mouse.move(5, 5);
    // Clicking the icon of the view already shown would close the side bar: click only when another view is shown.
    const shown = await page.locator('.activitybar .action-item.checked a[aria-label^="Invertibility"]').count();
    if (shown === 0 || !(await page.locator('.part.sidebar').isVisible())) await activity(page, 'Invertibility').click();
    const panel = ctx.panelFrame(page);
    const entry = panel.locator('li[role="option"]', { hasText: entryText }).first();
    await entry.waitFor({ timeout: 60_000 });
    await entry.locator('.entry-verdict', { hasText: /^\s*[✓?✗⚠]/ }).waitFor({ timeout: 300_000 });
    await entry.click();
    return panel;
  };
  const savedSvg = join(ctx.workspace, '14-panel-saved.svg');
  return [
    {
      name: 'narrow, dark: the counterexample detail shows its question in plain words and no number wraps inside',
      async run(page) {
        await setTheme(page, 'Dark Modern', 'vs-dark');
        const panel = await openPanelOn(page, /brusselator/);
        await setSidebarWidth(page, 300);
        await panel.locator('.chart.plane svg').first().waitFor({ timeout: 180_000 });
        assert.match(await panel.locator('.detail .question').innerText(), /local invertibility \(BL\)/);
        assert.ok(await witnessCellsOnOneLine(panel), 'every witness cell stays on one line');
        assert.equal(await panel.locator('.detail vscode-button', { hasText: 'Cancel' }).count(), 0, 'no Stop/Cancel button while nothing runs');
        await ctx.shot(page, '14-panel-narrow-dark');
      },
    },
    {
      name: 'wide, light: the plot takes the panel width and stays within the screen height',
      async run(page) {
        await setTheme(page, 'Light Modern', 'vs');
        await setSidebarWidth(page, 900);
        const panel = ctx.panelFrame(page);
        const chart = panel.locator('.chart.plane svg').first();
        await chart.waitFor({ timeout: 60_000 });
        const fit = await chart.evaluate((svg) => ({ height: svg.getBoundingClientRect().height, viewport: window.innerHeight, width: svg.getBoundingClientRect().width, slot: document.querySelector('.detail-slot')?.clientWidth ?? 0 }));
        ctx.log('plot fit:', JSON.stringify(fit));
        assert.ok(fit.height <= fit.viewport * 0.7 + 2, `the plot (${fit.height} px) fits in 70% of the view (${fit.viewport} px)`);
        assert.ok(fit.width <= fit.slot + 1, 'the plot is no wider than the panel');
        await ctx.shot(page, '14-panel-wide-light');
      },
    },
    {
      name: 'Zoom to pair frames x and y alone, and pointing at x shows its coordinates in a tooltip',
      async run(page) {
        const panel = ctx.panelFrame(page);
        await panel.locator('vscode-button', { hasText: 'Zoom to pair' }).click();
        const zoomed = panel.locator('.chart.plane.zoomed svg').first();
        await zoomed.waitFor({ timeout: 30_000 });
        await panel.locator('vscode-button', { hasText: 'Show whole domain' }).waitFor({ timeout: 10_000 });
        // The pair's dots are the last dot mark's circles; point at the first (x).
        const dot = zoomed.locator('g[aria-label="dot"]').last().locator('circle').first();
        const box = await dot.boundingBox();
        assert.ok(box, 'the witness dot is drawn');
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        const tip = zoomed.locator('g[aria-label="tip"] text').first();
        await tip.waitFor({ timeout: 10_000 });
        const tipText = (await tip.textContent()) ?? '';
        ctx.log('tooltip:', tipText.replace(/\s+/g, ' '));
        assert.match(tipText.replace(/\u200b/g, ' ').trim(), /^(x|y) \S+ = /, 'the tooltip names the point and its coordinates');
        await ctx.shot(page, '14-panel-zoom');
      },
    },
    {
      name: 'Save SVG asks where to save and writes a standalone SVG of the figure',
      async run(page) {
        const panel = ctx.panelFrame(page);
        await panel.locator('vscode-button', { hasText: 'Save SVG' }).click();
        await answerSaveDialog(page, savedSvg, ctx.log);
        const text = readFileSync(savedSvg, 'utf8');
        assert.match(text, /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/, 'a standalone SVG document');
        assert.match(text, /witness pair/, 'the legend is drawn into the file');
        copyFileSync(savedSvg, join(ctx.outDir, '14-panel-saved.svg'));
        await panel.locator('vscode-button', { hasText: 'Show whole domain' }).click();
      },
    },
    {
      name: 'a 3-input model: its result is drawn as a 2-D slice through the centre, along the axes picked in the panel',
      async run(page) {
        await page.mouse.move(5, 5);
        await activity(page, 'Explorer').click();
        await openFile(page, 'vdp.invq');
        const run = page.locator('.monaco-editor .codelens-decoration a', { hasText: /^▶ Run/ }).first();
        await run.waitFor({ timeout: 120_000 });
        await run.click();
        const panel = await openPanelOn(page, /vdp/);
        const slice = panel.locator('.slice-controls');
        await slice.waitFor({ timeout: 180_000 });
        await panel.locator('.chart.plane svg').first().waitFor({ timeout: 60_000 });
        await slice.locator('select[aria-label="vertical axis"]').selectOption({ index: 2 });
        await panel.locator('.chart.plane .legend', { hasText: /slice through x_c: \S+\[1\] = 0/ }).waitFor({ timeout: 120_000 });
        assert.match(await panel.locator('.chart.plane svg').first().innerHTML(), /\[2\]/, 'the vertical axis is the third input');
        await panel.locator('.chart.plane').scrollIntoViewIfNeeded();
        await page.waitForTimeout(500);
        await ctx.shot(page, '14-panel-slice3');
        // The wide step left the side bar 900 px wide: give the editor its room back for the steps after these.
        await setSidebarWidth(page, 300);
      },
    },
  ];
}
