// Headless Debian Chromium (never a Playwright-downloaded browser) for driving code-server's workbench.
// Shared by the extension-host test launcher (test/integration/host) and the UI test (test/ui).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export interface Workbench {
  readonly context: BrowserContext;
  readonly page: Page;
  close(): Promise<void>;
}

export async function launchWorkbenchBrowser(viewport = { width: 1400, height: 900 }): Promise<Workbench> {
  const profile = mkdtempSync(join(tmpdir(), 'invcert-chromium-'));
  // A persistent context is a fresh --user-data-dir (Playwright refuses that flag in args).
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A log function that prefixes seconds since start, for readable CI logs. */
export function stopwatchLog(prefix: string): (...parts: unknown[]) => void {
  const t0 = Date.now();
  return (...parts) => console.log(`[${prefix} ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...parts);
}
