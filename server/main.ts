/**
 * Starts the server: context (config, policy — a bad LIBRARY_CONFIG stops here with the field
 * named —, clock, storage), demo data on an empty store, then HTTP on HOST:PORT.
 */
import { serve } from 'h3';
import { closeContext, createContext } from './context.ts';
import { createApp } from './app.ts';
import { loadDemoIfEmpty } from './demo/load-demo.ts';
import { startMaintenance } from './maintenance/schedule.ts';
import { keepCatalogInStep } from './catalog/keep-in-step.ts';

async function main(): Promise<void> {
  let ctx;
  try {
    ctx = await createContext(process.env);
  } catch (e) {
    console.error(`shiori: cannot start: ${(e as Error).message}`);
    process.exit(1);
  }
  if (ctx.config.demo) await loadDemoIfEmpty(ctx);
  // Expired pickups and waits, old cancelled holds: now and hourly (the timer is unref'd).
  startMaintenance(ctx);
  // Several instances on one Redis: titles another instance adds reach this one's search index.
  keepCatalogInStep(ctx);
  const app = createApp(ctx);
  const server = serve(app, { port: ctx.config.port, hostname: ctx.config.host, silent: true });
  await server.ready();
  const shown = ctx.config.host === '127.0.0.1' || ctx.config.host === '0.0.0.0' ? 'localhost' : ctx.config.host;
  const port = new URL(server.url ?? `http://x:${ctx.config.port}`).port || ctx.config.port;
  ctx.log.info(`shiori: serving http://${shown}:${port}/ (library today ${ctx.clock.today()}, data in ${ctx.config.dataDir})`);
  const stop = async () => {
    await server.close();
    // Session activity still in memory is written before the store closes.
    await closeContext(ctx);
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
