// `npm test`: every check in order — typecheck, lint, unit/server tests, the extension-host suite in a real
// VS Code, the UI test — with each stage's own output, then one closing line that adds up every stage's tests:
// "Total: N passed, N failed". Every stage runs even after a failure (CI then shows all of them); the exit code
// is non-zero if any stage failed.
import { spawn } from 'node:child_process';

const stages = [
  { script: 'typecheck', counts: false },
  { script: 'lint', counts: false },
  { script: 'test:unit', counts: true },
  { script: 'test:integration', counts: true },
  { script: 'test:ui', counts: true },
];

/** Test counts from node:test (TAP "# pass N" or spec "ℹ pass N") or a plain "N passed, N failed" line. */
function countTests(output) {
  const nodePass = [...output.matchAll(/^(?:#|ℹ) pass (\d+)$/gm)].at(-1);
  const nodeFail = [...output.matchAll(/^(?:#|ℹ) fail (\d+)$/gm)].at(-1);
  if (nodePass && nodeFail) return { passed: Number(nodePass[1]), failed: Number(nodeFail[1]) };
  const plain = [...output.matchAll(/^(?:\w+: )?(\d+) passed, (\d+) failed/gm)].at(-1);
  if (plain) return { passed: Number(plain[1]), failed: Number(plain[2]) };
  return undefined;
}

function run(script) {
  return new Promise((resolve) => {
    const started = Date.now();
    console.log(`\n=== npm run ${script}`);
    const child = spawn('npm', ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      output += chunk.toString();
    });
    child.on('close', (code) => resolve({ code: code ?? 1, output, seconds: (Date.now() - started) / 1000 }));
  });
}

let passed = 0;
let failed = 0;
const summary = [];
for (const stage of stages) {
  const { code, output, seconds } = await run(stage.script);
  const counts = stage.counts ? countTests(output) : undefined;
  if (counts) {
    passed += counts.passed;
    failed += counts.failed;
  }
  // A stage that failed without counting a failed test (crash, typecheck, lint) counts as one failure.
  if (code !== 0 && (!counts || counts.failed === 0)) failed += 1;
  const detail = counts ? `${counts.passed} passed, ${counts.failed} failed` : code === 0 ? 'ok' : `exit code ${code}`;
  summary.push(`  ${code === 0 ? '✔' : '✖'} ${stage.script.padEnd(17)} ${detail.padEnd(26)} ${seconds.toFixed(0)} s`);
}
console.log(`\n=== summary\n${summary.join('\n')}`);
console.log(`Total: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
