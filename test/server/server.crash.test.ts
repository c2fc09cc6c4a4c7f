import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { createConnection } from 'vscode-languageserver/node';
import { createProtocolConnection, NotificationType, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import type { ServerCrashed } from '../../src/shared/protocol';
import { installCrashReporter } from '../../src/server/crashReporter';

void test('an uncaught error is reported to the client before the server exits with code 1', async () => {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const server = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  const proc = new EventEmitter();
  const exits: number[] = [];
  const exited = new Promise<void>((resolve) => installCrashReporter(server, proc, (code) => {
    exits.push(code);
    resolve();
  }));
  server.listen();
  const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const crashes: ServerCrashed.Params[] = [];
  client.onNotification(new NotificationType<ServerCrashed.Params>('invcert/serverCrashed'), (p) => { crashes.push(p); });
  client.listen();
  proc.emit('uncaughtException', new TypeError('boom in a handler'));
  proc.emit('unhandledRejection', new Error('a second failure is not reported twice'));
  await exited;
  assert.deepEqual(exits, [1]);
  assert.equal(crashes.length, 1);
  assert.equal(crashes[0].message, 'uncaught exception: boom in a handler');
  assert.match(crashes[0].stack ?? '', /TypeError: boom in a handler/);
  client.dispose();
  server.dispose();
});
