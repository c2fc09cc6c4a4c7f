// Node entry of the invq language server (dist/server.js), over whatever transport the client chose (IPC/stdio).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { installCrashReporter } from './crashReporter';
import { startServer } from './server';

const connection = createConnection(ProposedFeatures.all);
installCrashReporter(connection, process, (code) => process.exit(code));
const server = startServer(connection);
connection.onShutdown(() => server.dispose());
connection.listen();
