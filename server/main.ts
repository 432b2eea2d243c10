/**
 * Starts the server: context (config, policy — a bad LIBRARY_CONFIG stops here with the field
 * named —, clock, storage), demo data on an empty store (config.demo: not in production unless
 * DEMO=1), then HTTP on HOST:PORT.
 */
import { serve } from 'h3';
import { closeContext, createContext } from './context.ts';
import { createApp } from './app.ts';
import { isStoreEmpty, loadDemoIfEmpty } from './demo/load-demo.ts';
import { startMaintenance } from './maintenance/schedule.ts';
import { keepCatalogInStep } from './catalog/keep-in-step.ts';
import { startNotificationSchedule } from './notifications/schedule.ts';

/** What an empty store needs, said once at start (no demo data: production, or DEMO=0). */
const EMPTY_STORE_NOTICE = [
  'shiori: the store is empty (no patrons, no titles) and no demo data is loaded.',
  '  Add them through the staff API: start with STAFF_TOKEN=<secret>, then',
  '    STAFF_TOKEN=<secret> npm run staff -- patron --card <number> --birth <YYYY-MM-DD> --expires <YYYY-MM-DD> [--password <pw>]',
  '    STAFF_TOKEN=<secret> npm run staff -- title --title <title> --copy <barcode>@<branch>',
  '  (or POST /api/staff/patrons and /api/staff/titles with Authorization: Bearer <secret>; see README "Staff CLI").',
  '  For the demo patrons and titles instead, start with DEMO=1.',
].join('\n');

async function main(): Promise<void> {
  let ctx;
  try {
    ctx = await createContext(process.env);
  } catch (e) {
    console.error(`shiori: cannot start: ${(e as Error).message}`);
    process.exit(1);
  }
  if (ctx.config.demo) await loadDemoIfEmpty(ctx);
  else if (await isStoreEmpty(ctx)) ctx.log.info(EMPTY_STORE_NOTICE);
  // Expired pickups and waits, old cancelled holds: now and hourly (the timer is unref'd).
  startMaintenance(ctx);
  // Several instances on one Redis: titles another instance adds reach this one's search index.
  keepCatalogInStep(ctx);
  // Reminders: each minute, the library clock says whether the day's digest is due.
  const stopNotifications = startNotificationSchedule(ctx);
  const app = createApp(ctx);
  const server = serve(app, { port: ctx.config.port, hostname: ctx.config.host, silent: true });
  await server.ready();
  const shown = ctx.config.host === '127.0.0.1' || ctx.config.host === '0.0.0.0' ? 'localhost' : ctx.config.host;
  const port = new URL(server.url ?? `http://x:${ctx.config.port}`).port || ctx.config.port;
  ctx.log.info(`shiori: serving http://${shown}:${port}/ (library today ${ctx.clock.today()}, data in ${ctx.config.dataDir})`);
  const stop = async () => {
    await server.close();
    await stopNotifications();
    // Session activity still in memory is written before the store closes.
    await closeContext(ctx);
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
