// The editor's decision about paths outside the workspace folder: each path is asked about once per session, the
// answer (Allow or Cancel) is remembered, and only allowed paths are sent with later run requests.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { OutsidePathConsent } from '../../src/client/trust/outsidePathConsent';

function scriptedUser(answers: Record<string, boolean>): { ask: (path: string) => Promise<boolean>; asked: string[] } {
  const asked: string[] = [];
  return { asked, ask: (path) => { asked.push(path); return Promise.resolve(answers[path] ?? false); } };
}

void test('an outside path is refused unless the user allows it, and nothing is allowed before anyone asked', async () => {
  const consent = new OutsidePathConsent();
  assert.deepEqual(consent.allowed, []);
  const user = scriptedUser({ '/elsewhere/pruned': false });
  assert.deepEqual(await consent.confirm(['/elsewhere/pruned'], user.ask), ['/elsewhere/pruned']);
  assert.deepEqual(consent.allowed, []);
});

void test('each path is asked about once per session: Allow and Cancel are both remembered', async () => {
  const consent = new OutsidePathConsent();
  const user = scriptedUser({ '/models/a.onnx': true, '/tmp/out': false });
  assert.deepEqual(await consent.confirm(['/models/a.onnx', '/tmp/out', '/models/a.onnx'], user.ask), ['/tmp/out']);
  assert.deepEqual(user.asked, ['/models/a.onnx', '/tmp/out']);
  assert.deepEqual(await consent.confirm(['/tmp/out', '/models/a.onnx'], user.ask), ['/tmp/out'], 'the earlier Cancel still holds');
  assert.deepEqual(user.asked, ['/models/a.onnx', '/tmp/out'], 'no second question');
  assert.deepEqual(consent.allowed, ['/models/a.onnx']);
});
