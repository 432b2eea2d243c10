/**
 * The API benchmark's floor: a bare h3 app (`serve`, no middleware) answering GET /api/account with
 * a real 20-loan account snapshot held in memory (SNAPSHOT_FILE, as the real server answered it).
 * h3 serialises it on every request, as the real server does. Prints "floor serving <url>".
 */
import { readFileSync } from 'node:fs';
import { H3, serve } from 'h3';

const snapshot: unknown = JSON.parse(readFileSync(process.env['SNAPSHOT_FILE']!, 'utf8'));
const app = new H3();
app.get('/api/account', () => snapshot);
const server = serve(app, { port: 0, hostname: '127.0.0.1', silent: true });
await server.ready();
console.log(`floor serving ${server.url}`);
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
