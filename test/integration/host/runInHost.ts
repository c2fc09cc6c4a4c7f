// Runs the integration suite inside code-server's node extension host, the way `code --extensionTestsPath`
// does on the desktop: the workbench (headless Chromium) is opened with a `payload` naming the extension
// under development and the test entry point; the workbench calls window.codeAutomationExit(code) when the
// entry point's run() settles. code-server must run with `--vscode-option enable-smoke-test-driver`, or a
// built workbench ignores the payload.
//
// Two phases, each a separate window (so a new extension host and a new language server): phase 1 runs the
// suite, phase 2 reopens the same workspace and checks what must survive a window reload.
//
// Usage: node --import tsx runInHost.ts <baseUrl> <workspace> <extensionDevelopmentPath> <testsEntry> <resultsDir>
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchWorkbenchBrowser, stopwatchLog } from '../../helpers/workbenchBrowser';
import type { PhaseResults } from '../suite/resultsFile';

const [baseUrl, workspace, devPath, testsEntry, resultsDir] = process.argv.slice(2);
const PHASE_TIMEOUT_MS = Number(process.env.INVCERT_IT_PHASE_TIMEOUT_MS ?? 600_000);
const log = stopwatchLog('it');
/** Lines the suite's reporter prints start with this tag; everything else the host logs is noise here. */
const REPORT_TAG = '[invcert-it]';

function workbenchUrl(): string {
  const authority = new URL(baseUrl).host; // code-server's remote authority is location.host
  const remote = (p: string): string => `vscode-remote://${authority}${resolve(p)}`;
  const payload = [
    ['extensionDevelopmentPath', remote(devPath)],
    ['extensionTestsPath', remote(testsEntry)],
    ['skipWelcome', 'true'],
  ];
  return `${baseUrl}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

async function runPhase(phase: number): Promise<number> {
  writeFileSync(resolve(resultsDir, 'phase'), String(phase));
  const wb = await launchWorkbenchBrowser();
  try {
    const exited = new Promise<number>((done) => {
      void wb.page.exposeFunction('codeAutomationExit', (code: number) => done(code));
    });
    // The extension host's console is forwarded to the page console (formatted as '%c INFO', css, text...).
    wb.page.on('console', (message) => {
      const text = message.text();
      const at = text.indexOf(REPORT_TAG);
      if (at >= 0) console.log('  ' + text.slice(at + REPORT_TAG.length).trimStart());
      else if (process.env.VERBOSE) console.log('  |', text);
    });
    wb.page.on('pageerror', (e) => log('page error:', e.message));
    log(`phase ${phase}: opening the workbench`);
    await wb.page.goto(workbenchUrl());
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<number>((_, fail) => {
      timer = setTimeout(() => fail(new Error(`phase ${phase}: no codeAutomationExit within ${PHASE_TIMEOUT_MS} ms`)), PHASE_TIMEOUT_MS);
    });
    const code = await Promise.race([exited, timeout]).finally(() => clearTimeout(timer));
    log(`phase ${phase}: extension host run() settled with exit code ${code}`);
    return code;
  } finally {
    await wb.close();
  }
}

function readPhase(phase: number): PhaseResults | undefined {
  const file = resolve(resultsDir, `results-${phase}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as PhaseResults) : undefined;
}

async function main(): Promise<number> {
  let passed = 0;
  let failed = 0;
  for (const phase of [1, 2]) {
    const code = await runPhase(phase);
    const results = readPhase(phase);
    if (!results) {
      console.log(`phase ${phase}: the suite never wrote its results (see the server log)`);
      failed++;
      break;
    }
    // The event-loop delay the responsiveness test measured during a solve (12-event-loop.test.ts).
    const lagFile = resolve(resultsDir, 'event-loop-lag.json');
    if (phase === 1 && existsSync(lagFile)) {
      const lag = JSON.parse(readFileSync(lagFile, 'utf8')) as { p50Ms: number; p99Ms: number; maxMs: number; seconds: number };
      console.log(`extension host event-loop delay during a solve: p50 ${lag.p50Ms} ms, p99 ${lag.p99Ms} ms, max ${lag.maxMs} ms over ${lag.seconds.toFixed(1)} s (target p99 < 50 ms)`);
      mkdirSync(resolve(devPath, 'test-results'), { recursive: true });
      copyFileSync(lagFile, resolve(devPath, 'test-results', 'event-loop-lag.json'));
    }
    passed += results.tests.filter((t) => t.state === 'passed').length;
    failed += results.tests.filter((t) => t.state === 'failed').length;
    if (code !== 0 && results.tests.every((t) => t.state !== 'failed')) failed++; // run() itself threw
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error('integration run failed:', e);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
