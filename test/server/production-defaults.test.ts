/**
 * Production defaults ([docs/rules.md#behind-a-proxy](../../docs/rules.md#behind-a-proxy)): demo data — whose passwords are published — only with DEMO=1 or
 * outside NODE_ENV=production, and a production start on an empty store says in its log how to
 * add patrons and titles. The real server process on an empty DATA_DIR.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readConfig } from '../../server/config.ts';
import { DEMO_PATRONS } from '../../server/demo/load-demo.ts';
import { startServer, tempDir, type Server } from './server-process.ts';

const demoLogin = (s: Server) => s.call('POST', '/api/session', DEMO_PATRONS.seed);

describe('demo data at start', () => {
  it('NODE_ENV=production on an empty store: no demo card logs in, and the log says how to add patrons and titles', async () => {
    const s = await startServer({ NODE_ENV: 'production', DEMO: undefined, DATA_DIR: await tempDir() });
    try {
      assert.equal((await demoLogin(s)).status, 401);
      assert.equal((await s.call('GET', '/api/catalog/search?q=%E5%AE%88%E3%82%8A%E4%BA%BA')).body.total, 0);
      const log = s.output();
      assert.match(log, /store is empty/);
      assert.match(log, /npm run staff -- patron --card/);
      assert.match(log, /npm run staff -- title --title/);
      assert.match(log, /STAFF_TOKEN/);
      assert.match(log, /DEMO=1/);
    } finally {
      s.child.kill('SIGTERM');
    }
  });

  it('NODE_ENV=production with DEMO=1 loads the demo data', async () => {
    const s = await startServer({ NODE_ENV: 'production', DEMO: '1', DATA_DIR: await tempDir() });
    try {
      assert.equal((await demoLogin(s)).status, 200);
      assert.doesNotMatch(s.output(), /store is empty/);
    } finally {
      s.child.kill('SIGTERM');
    }
  });

  it('without NODE_ENV (npm start) an empty store opens on the demo data; DEMO=0 still turns it off', async () => {
    const plain = await startServer({ NODE_ENV: undefined, DEMO: undefined, DATA_DIR: await tempDir() });
    try {
      assert.equal((await demoLogin(plain)).status, 200);
    } finally {
      plain.child.kill('SIGTERM');
    }
    const off = await startServer({ NODE_ENV: undefined, DEMO: '0', DATA_DIR: await tempDir() });
    try {
      assert.equal((await demoLogin(off)).status, 401);
      assert.match(off.output(), /store is empty/);
    } finally {
      off.child.kill('SIGTERM');
    }
  });

  it('DEMO other than 0 or 1 stops the start, naming it', () => {
    assert.throws(() => readConfig({ DEMO: 'yes' }), /DEMO: expected 0 or 1: yes/);
    assert.equal(readConfig({ NODE_ENV: 'production' }).demo, false);
    assert.equal(readConfig({ NODE_ENV: 'production', DEMO: '1' }).demo, true);
    assert.equal(readConfig({}).demo, true);
    assert.equal(readConfig({ DEMO: '0' }).demo, false);
  });
});
