/**
 * The pages' catalogues: every message id of every client module that calls msg() — found by the
 * test runner on disk (web-test-runner.config.mjs serves the list), so a new page cannot be
 * forgotten — has an English and a kids' entry; and the kids' refusal words cover every ErrorCode
 * of common/api.ts, as the ja / en catalogues do (test/server/wording.test.ts).
 */
import { expect } from '@open-wc/testing';
import { templates as en } from '../../client/locales/en.ts';
import { refusals as kidsRefusals, templates as kids } from '../../client/locales/ja-kids.ts';
import { ja } from '../../common/wording/ja.ts';

async function text(path: string): Promise<string> {
  const res = await fetch(path);
  expect(res.ok, path).to.equal(true);
  return res.text();
}

async function idsIn(path: string): Promise<string[]> {
  const code = await text(`/client/${path}`);
  return [...code.matchAll(/\bid:\s*["']([\w.]+)["']/g)].map((m) => m[1]!);
}

describe('catalogues', () => {
  it('have an English and a kids entry for every message id of every module that calls msg()', async () => {
    const sources = JSON.parse(await text('/__msg-sources.json')) as string[];
    // The shell, the menu and every routed page at least (36 modules when this was written).
    expect(sources.length).to.be.greaterThan(30);
    expect(sources).to.include.members(['app/shiori-app.ts', 'pages/login/login-page.ts', 'pages/cart/cart-page.ts', 'pages/preferences/preferences-page.ts']);
    const missing: string[] = [];
    let count = 0;
    for (const file of sources) {
      for (const id of await idsIn(file)) {
        count++;
        if (!(id in en)) missing.push(`en: ${id} (${file})`);
        if (!(id in kids)) missing.push(`ja-kids: ${id} (${file})`);
      }
    }
    expect(count).to.be.greaterThan(300);
    expect(missing).to.deep.equal([]);
  });

  it('have kids wording for every ErrorCode, as the Japanese catalogue has', () => {
    // common/wording/ja.ts words exactly the ErrorCodes of common/api.ts (test/server/wording.test.ts
    // reads them from the source); the kids' catalogue must word the same codes.
    expect(Object.keys(ja).length).to.be.greaterThan(30);
    expect(Object.keys(kidsRefusals).sort()).to.deep.equal(Object.keys(ja).sort());
  });
});
