import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ClientCommands, modelViewerViewType, resultsContainerId, resultsViewId } from '../../src/client/commandIds';
import { Commands } from '../../src/shared/protocol';
import { repoRoot } from '../helpers/sharedModels';

interface Manifest {
  activationEvents: string[];
  contributes: {
    commands: Array<{ command: string; title: string }>;
    menus: Record<string, Array<{ command: string; when?: string }>>;
    viewsContainers: { activitybar: Array<{ id: string; icon: string }> };
    views: Record<string, Array<{ id: string; type?: string }>>;
    keybindings: Array<{ command: string }>;
    customEditors: Array<{ viewType: string; selector: Array<{ filenamePattern: string }>; priority?: string }>;
  };
}

const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as Manifest;
const contributed = new Set(manifest.contributes.commands.map((c) => c.command));
const testHooks = new Set<string>([ClientCommands.testPanelState, ClientCommands.testJobs, ClientCommands.testLastError, ClientCommands.testViewerState]);

void describe('extension manifest', () => {
  void it('contributes every user-facing command the client registers, each with a title', () => {
    const userCommands = [...Object.values(Commands), ...Object.values(ClientCommands)].filter((id) => !testHooks.has(id));
    for (const id of userCommands) assert.ok(contributed.has(id), `${id} is contributed`);
    for (const c of manifest.contributes.commands) assert.ok(c.title.length > 0, `${c.command} has a title`);
  });

  void it('keeps the test hooks out of the palette and the menus', () => {
    for (const id of testHooks) assert.ok(!contributed.has(id), `${id} is not contributed`);
  });

  void it('only puts contributed commands in menus and keybindings', () => {
    for (const [menu, items] of Object.entries(manifest.contributes.menus)) {
      for (const item of items) assert.ok(contributed.has(item.command), `${menu} → ${item.command} is contributed`);
    }
    for (const k of manifest.contributes.keybindings) assert.ok(contributed.has(k.command));
  });

  void it('offers the right-click flows on .onnx files: certify and prune on one, compare on a multi-selection', () => {
    const explorer = manifest.contributes.menus['explorer/context'];
    const when = (id: string): string => explorer.find((i) => i.command === id)?.when ?? '';
    assert.match(when(ClientCommands.certifyModel), /resourceExtname == \.onnx/);
    assert.match(when(ClientCommands.pruningSweep), /resourceExtname == \.onnx/);
    assert.match(when(ClientCommands.compareNetworks), /listMultiSelection/);
    assert.ok(manifest.contributes.menus['editor/title'].some((i) => i.command === ClientCommands.certifyModel && /\.onnx/.test(i.when ?? '')));
  });

  void it('opens *.onnx in the model viewer by default (priority "default", so Open With… still offers the text editor)', () => {
    const editor = manifest.contributes.customEditors.find((e) => e.viewType === modelViewerViewType);
    assert.ok(editor, 'the model viewer is a contributed custom editor');
    assert.deepEqual(editor.selector, [{ filenamePattern: '*.onnx' }]);
    assert.equal(editor.priority, 'default');
  });

  void it('declares the results panel as a webview view in its own activity-bar container with an existing icon', () => {
    const container = manifest.contributes.viewsContainers.activitybar.find((c) => c.id === resultsContainerId);
    assert.ok(container, 'activity-bar container');
    assert.ok(existsSync(join(repoRoot, container.icon)), `${container.icon} exists`);
    const view = manifest.contributes.views[resultsContainerId]?.find((v) => v.id === resultsViewId);
    assert.equal(view?.type, 'webview');
  });

  void it('activates for .invq documents and workspaces with models', () => {
    assert.ok(manifest.activationEvents.includes('onLanguage:invq'));
    assert.ok(manifest.activationEvents.includes('workspaceContains:**/*.onnx'));
  });
});
