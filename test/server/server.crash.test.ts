import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import { ServerCrashed } from '../../src/shared/protocol';
import { installCrashReporter } from '../../src/server/crashReporter';
import { connectInMemory, waitFor } from '../helpers/serverHarness';

void test('an uncaught error is reported to the client before the server exits with code 1', async () => {
  const { server, client } = connectInMemory();
  const proc = new EventEmitter();
  const exits: number[] = [];
  const exited = new Promise<void>((resolve) => installCrashReporter(server, proc, (code) => {
    exits.push(code);
    resolve();
  }));
  server.listen();
  const crashes: ServerCrashed.Params[] = [];
  client.onNotification(ServerCrashed.type, (p) => { crashes.push(p); });
  client.listen();
  proc.emit('uncaughtException', new TypeError('boom in a handler'));
  proc.emit('unhandledRejection', new Error('a second failure is not reported twice'));
  await exited;
  // The report was sent before the exit; on a loaded machine the client may read it a moment after.
  await waitFor(() => crashes.length > 0, 'the crash report').catch(() => undefined);
  assert.deepEqual(exits, [1]);
  assert.equal(crashes.length, 1);
  assert.equal(crashes[0].message, 'uncaught exception: boom in a handler');
  assert.match(crashes[0].stack ?? '', /TypeError: boom in a handler/);
  client.dispose();
  server.dispose();
});
