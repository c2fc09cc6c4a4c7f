// Entry point the extension host loads because of `extensionTestsPath`; VS Code calls run() and reports its
// outcome to the workbench (codeAutomationExit). The launcher chooses the phase by writing
// $INVCERT_IT_RESULTS_DIR/phase: 1 runs suite/*.test.js, 2 the checks after a window reload (afterReload/*.test.js).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import type { PhaseResults, TestOutcome } from './resultsFile';

/** The launcher prints only console lines carrying this tag (the host forwards all its console output). */
const say = (line: string): void => console.log(`[invcert-it] ${line}`);

export function run(): Promise<void> {
  const resultsDir = process.env.INVCERT_IT_RESULTS_DIR;
  if (!resultsDir) return Promise.reject(new Error('INVCERT_IT_RESULTS_DIR is not set (start through scripts/vscode-host)'));
  const phase = Number(readFileSync(join(resultsDir, 'phase'), 'utf8'));
  const dir = join(__dirname, '..', phase === 1 ? 'suite' : 'afterReload');
  // Generous per-test ceiling: a hung await must fail the test, not the whole CI job. Never a speed check.
  // INVCERT_IT_GREP (inherited like INVCERT_IT_RESULTS_DIR) runs only the tests whose titles match, for a local run.
  const grep = process.env.INVCERT_IT_GREP;
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 180_000, reporter: 'dot', ...(grep ? { grep } : {}) });
  const files = existsSync(dir) ? readdirSync(dir) : [];
  for (const file of files.filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(join(dir, file));

  return new Promise((resolve, reject) => {
    const tests: TestOutcome[] = [];
    const runner = mocha.run((failures) => {
      const results: PhaseResults = { phase, tests };
      writeFileSync(join(resultsDir, `results-${phase}.json`), JSON.stringify(results, null, 2));
      if (failures > 0) reject(new Error(`${failures} test(s) failed`));
      else resolve();
    });
    runner.on('pass', (t) => {
      tests.push({ title: t.fullTitle(), state: 'passed', millis: t.duration });
      say(`✔ ${t.fullTitle()} (${t.duration ?? 0} ms)`);
    });
    runner.on('fail', (t, err: Error) => {
      tests.push({ title: t.fullTitle(), state: 'failed', error: String(err.stack ?? err) });
      say(`✖ ${t.fullTitle()}\n${String(err.stack ?? err).split('\n').slice(0, 8).join('\n')}`);
    });
  });
}
