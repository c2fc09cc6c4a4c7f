// Studies in the editor and the side panel, as a scientist runs and reads them: the Brusselator study of the fixture
// workspace (brusselator-study.invq: the orbit from P1, 8 steps, BL and PI radii; an 8 × 8 radius map over
// [0, 3] × [0, 4]) is run from its code lenses (progress "k of n instances", verdicts streaming into the panel's list),
// then the orbit (wide, dark theme) and the radius map (narrow, light theme) are selected in the panel, and the map's
// numbers exported as CSV through the save dialog. Steps wait generously and assert no timings.
import * as assert from 'node:assert/strict';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { setSidebarWidth, setTheme } from './panelFlow';
import { answerSaveDialog, openFile } from './workbench';
import type { FlowContext, UiStep } from './workbench';

const STUDY = 'brusselator-study.invq';

/** Shows a view container of the activity bar; clicking the one already shown would close the side bar. */
async function showView(page: Page, label: string): Promise<void> {
  await page.mouse.move(5, 5);
  const shown = await page.locator(`.activitybar .action-item.checked a[aria-label^="${label}"]`).count();
  if (shown === 0 || !(await page.locator('.part.sidebar').isVisible())) await page.locator(`.activitybar .action-item a[aria-label^="${label}"]`).first().click();
}

async function openPanelOn(page: Page, ctx: FlowContext, entryText: RegExp): Promise<FrameLocator> {
  await showView(page, 'Invertibility');
  const panel = ctx.panelFrame(page);
  const entry = panel.locator('li[role="option"]', { hasText: entryText }).first();
  await entry.waitFor({ timeout: 120_000 });
  await entry.click();
  return panel;
}

export function studySteps(ctx: FlowContext): UiStep[] {
  /** Scrolls a chart into view, lets its layout settle, and takes the picture. */
  const shotOf = async (page: Page, chart: { scrollIntoViewIfNeeded(): Promise<void> }, name: string): Promise<void> => {
    await chart.scrollIntoViewIfNeeded();
    await page.waitForTimeout(500);
    await ctx.shot(page, name);
  };
  const exported = join(ctx.workspace, '15-radius-map.csv');
  return [
    {
      name: 'study: the orbit and the map run from their code lenses, with progress "k of n instances" and their verdicts streaming into the panel',
      async run(page) {
        await showView(page, 'Explorer');
        await openFile(page, STUDY);
        const lens = (text: RegExp) => page.locator('.monaco-editor .codelens-decoration a', { hasText: text }).first();
        const runOrbit = lens(/^▶ Run study \(18 instances\)$/);
        await runOrbit.waitFor({ timeout: 120_000 });
        await runOrbit.click();
        // The run's progress notification; a quick machine may finish the 18 instances before it is pictured.
        const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: /[1-9]\d* of 18 instances/ }).first();
        const sawProgress = await toast.waitFor({ timeout: 60_000 }).then(() => true, () => false);
        if (sawProgress) {
          await page.waitForTimeout(800); // the toast's fade-in
          ctx.log('orbit progress:', (await toast.innerText()).replace(/\s+/g, ' '));
          await ctx.shot(page, '15-study-progress');
        } else {
          ctx.log('the orbit finished before its progress notification could be pictured');
        }
        await showView(page, 'Invertibility');
        const panel = ctx.panelFrame(page);
        const orbitEntry = panel.locator('li[role="option"]', { hasText: /orbit study/ }).first();
        await orbitEntry.locator('.entry-verdict', { hasText: /9 of 9 states/ }).waitFor({ timeout: 600_000 });
        ctx.log('orbit verdict:', (await orbitEntry.locator('.entry-verdict').innerText()).replace(/\s+/g, ' '));
        await showView(page, 'Explorer');
        await openFile(page, STUDY);
        const runMap = lens(/^▶ Run study \(64 instances\)$/);
        await runMap.waitFor({ timeout: 60_000 });
        await runMap.click();
        await showView(page, 'Invertibility');
        const mapEntry = panel.locator('li[role="option"]', { hasText: /radius map/ }).first();
        // While the map runs, its entry counts the cells answered so far, and selecting it shows the cells so far.
        await mapEntry.locator('.entry-verdict', { hasText: /of 64 (cells|instances)/ }).waitFor({ timeout: 120_000 });
        const first = (await mapEntry.locator('.entry-verdict').innerText()).replace(/\s+/g, ' ');
        ctx.log('map entry when first listed:', first);
        if (/^(⟳|running)/.test(first)) {
          await mapEntry.click();
          await panel.locator('.chart.radius-map svg').first().waitFor({ timeout: 60_000 });
          await page.waitForTimeout(1500); // a few more cells stream in
          ctx.log('map detail while running:', (await panel.locator('.detail .verdict').innerText()).replace(/\s+/g, ' '));
          await ctx.shot(page, '15-radius-map-running');
        }
        await mapEntry.locator('.entry-verdict', { hasText: /64 of 64 cells/ }).waitFor({ timeout: 900_000 });
      },
    },
    {
      name: 'study: the orbit shows its states with their BL boxes over the fold curve, the radius against k and the table',
      async run(page) {
        await setTheme(page, 'Dark Modern', 'vs-dark');
        const panel = await openPanelOn(page, ctx, /orbit study/);
        await setSidebarWidth(page, 760);
        const plane = panel.locator('.chart.orbit-plane svg').first();
        await plane.waitFor({ timeout: 180_000 });
        await panel.locator('.chart.orbit-radii svg').first().waitFor({ timeout: 30_000 });
        assert.match(await panel.locator('.detail .verdict').innerText(), /9 of 9 states/);
        const legend = (await panel.locator('.chart.orbit-plane .legend').innerText()).replace(/\s+/g, ' ');
        ctx.log('orbit legend:', legend);
        assert.match(legend, /fold curve J₀/);
        assert.match(legend, /certified BL box/);
        assert.equal(await panel.locator('table.study tbody tr').count(), 9, 'one table row per state');
        await shotOf(page, plane, '15-orbit');
        await shotOf(page, panel.locator('.chart.orbit-radii'), '15-orbit-radii');
      },
    },
    {
      name: 'study: the radius map colours each cell by its proved r_BL, with the fold curve over it and a tooltip per cell',
      async run(page) {
        await setTheme(page, 'Light Modern', 'vs');
        const panel = await openPanelOn(page, ctx, /radius map/);
        await setSidebarWidth(page, 440);
        const map = panel.locator('.chart.radius-map svg').first();
        await map.waitFor({ timeout: 180_000 });
        assert.match(await panel.locator('.detail .verdict').innerText(), /64 of 64 cells/);
        assert.equal(await panel.locator('table.study tbody tr').count(), 64, 'one table row per cell');
        assert.ok(await panel.locator('.chart.radius-map svg.colour-ramp').count() > 0, 'a colour ramp with units');
        // The whole map in view, then point at a cell: its tooltip gives the centre, the radius in the result's words,
        // the status and the time.
        await map.scrollIntoViewIfNeeded();
        const box = await map.boundingBox();
        assert.ok(box);
        await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.45);
        const tip = map.locator('g[aria-label="tip"] text').first();
        await tip.waitFor({ timeout: 10_000 });
        const tipText = ((await tip.textContent()) ?? '').replace(/\u200b/g, ' ');
        ctx.log('cell tooltip:', tipText.replace(/\s+/g, ' '));
        assert.match(tipText, /cell \(\d, \d\)/);
        assert.match(tipText, /(certified|unresolved|error), \d/);
        await ctx.shot(page, '15-radius-map');
        await page.mouse.move(5, 5);
        await shotOf(page, panel.locator('.chart.radius-map .legend'), '15-radius-map-legend');
      },
    },
    {
      name: 'study: Export CSV asks where to save and writes one row per map cell',
      async run(page) {
        const panel = ctx.panelFrame(page);
        await panel.locator('vscode-button', { hasText: 'Export CSV' }).click();
        await answerSaveDialog(page, exported, ctx.log);
        const rows = readFileSync(exported, 'utf8').trimEnd().split('\n');
        assert.match(rows[0], /^key,i,j,x_0,x_1,status,radius,radius_lower,radius_upper,seconds,error$/);
        assert.equal(rows.length, 65, 'a header and 64 cells');
        copyFileSync(exported, join(ctx.outDir, '15-radius-map.csv'));
        await page.locator('.notifications-toasts', { hasText: /Exported the study/ }).first().waitFor({ timeout: 15_000 });
        await ctx.shot(page, '15-export');
        assert.ok(existsSync(exported));
        await setSidebarWidth(page, 300);
      },
    },
  ];
}
