/**
 * Builds the app (`npx rollup -c`) when dist/app/index.html is missing or older than any source
 * file in client/, sw/, common/ or rollup.config.mjs. Used by `npm start`.
 */
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const built = join(root, 'dist/app/index.html');

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

const sources = ['client', 'sw', 'common', 'rollup.config.mjs'].map((p) => newestMtime(join(root, p)));
const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
if (builtAt === 0 || Math.max(...sources) > builtAt) {
  console.log(builtAt === 0 ? 'ensure-build: dist/app missing, building…' : 'ensure-build: sources changed, rebuilding…');
  execSync('npx rollup -c', { cwd: root, stdio: 'inherit' });
} else {
  console.log('ensure-build: dist/app is up to date');
}
