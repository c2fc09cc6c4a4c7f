// Every subcommand, registered once. Adding a command = one line here.
import { registerCommand } from '../registry';
import { certifyCommand, certifyUsage } from './certify';
import { inspectCommand } from './inspect';
import { matchCommand, matchUsage } from './match';
import { pruneCommand, pruneUsage } from './prune';
import { radiusCommand, radiusUsage } from './radius';

registerCommand(inspectCommand);
registerCommand({ name: 'certify', summary: 'certify injectivity on a ball (BL) or the nearest other preimage (PI)', usage: `usage: ${certifyUsage}`, run: certifyCommand });
registerCommand({ name: 'radius', summary: 'the largest ball around a centre on which the network is injective', usage: `usage: ${radiusUsage}`, run: radiusCommand });
registerCommand({ name: 'match', summary: 'compare two models on a box (transform or discrepancy)', usage: `usage: ${matchUsage}`, run: matchCommand });
registerCommand({ name: 'prune', summary: 'prune by magnitude at several levels and certify each copy', usage: `usage: ${pruneUsage}`, run: pruneCommand });
