/**
 * The staff desk on the command line: `npm run staff -- <command> [options]`.
 * Talks HTTP to a running server (SHIORI_URL, default http://127.0.0.1:$PORT) with STAFF_TOKEN.
 *
 *   patron      --card 2000000500 --birth 1990-01-01 --expires 2028-03-31 [--password abc123] [--email x@y] [--name 名前]
 *   title       --title 地底旅行 [--author …] [--publisher …] [--year 1997] [--type book|magazine|cd]
 *               [--category general|children|ya|magazine|cd] --copy 103300411@central [--copy …] [--bib B1]
 *   checkout    --card 2000000326 --barcode 103300411 [--loaned 2026-04-01] [--due 2026-04-22] [--ill] [--branch central]
 *   checkin     --barcode 103300411 [--branch central]
 *   arrive      <holdId>
 *   maintenance
 *   clock       <ISO instant>            (only when the server runs with LIBRARY_NOW)
 *   call        <METHOD> <path> [json]   (any staff endpoint)
 */
import { parseArgs } from 'node:util';

const USAGE = `usage: npm run staff -- <patron|title|checkout|checkin|arrive|maintenance|clock|call> [options]
(see server/tools/staff-cli.ts; needs STAFF_TOKEN and a running server at SHIORI_URL)`;

async function call(method: string, path: string, body?: unknown): Promise<void> {
  const base = process.env['SHIORI_URL'] ?? `http://127.0.0.1:${process.env['PORT'] ?? 3000}`;
  const token = process.env['STAFF_TOKEN'];
  if (!token) throw new Error('STAFF_TOKEN is not set');
  const res = await fetch(new URL(path, base), {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'accept-language': 'ja' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  console.log(`${res.status} ${text}`);
  if (!res.ok) process.exitCode = 1;
}

function options(args: string[], spec: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>) {
  return parseArgs({ args, options: spec, allowPositionals: true }).values as Record<string, string | string[] | boolean | undefined>;
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'patron': {
      const o = options(rest, { card: { type: 'string' }, birth: { type: 'string' }, expires: { type: 'string' }, password: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' } });
      return call('POST', '/api/staff/patrons', defined({ cardNumber: str(o['card']), birthDate: str(o['birth']), cardExpiresOn: str(o['expires']), password: str(o['password']), email: str(o['email']), name: str(o['name']) }));
    }
    case 'title': {
      const o = options(rest, { title: { type: 'string' }, author: { type: 'string' }, publisher: { type: 'string' }, year: { type: 'string' }, type: { type: 'string' }, category: { type: 'string' }, copy: { type: 'string', multiple: true }, bib: { type: 'string' } });
      const copies = ((o['copy'] as string[] | undefined) ?? []).map((c) => {
        const [barcode, branch] = c.split('@');
        return { barcode, branch: branch ?? 'central' };
      });
      const type = str(o['type']) ?? 'book';
      return call('POST', '/api/staff/titles', defined({ bibId: str(o['bib']), title: str(o['title']), author: str(o['author']), publisher: str(o['publisher']), year: o['year'] ? Number(o['year']) : undefined, materialType: type, category: str(o['category']) ?? (type === 'book' ? 'general' : type), copies }));
    }
    case 'checkout': {
      const o = options(rest, { card: { type: 'string' }, barcode: { type: 'string' }, loaned: { type: 'string' }, due: { type: 'string' }, ill: { type: 'boolean' }, branch: { type: 'string' } });
      return call('POST', '/api/staff/checkouts', defined({ cardNumber: str(o['card']), barcode: str(o['barcode']), loanedOn: str(o['loaned']), dueOn: str(o['due']), interLibraryLoan: o['ill'] === true ? true : undefined, branch: str(o['branch']) }));
    }
    case 'checkin': {
      const o = options(rest, { barcode: { type: 'string' }, branch: { type: 'string' } });
      return call('POST', '/api/staff/checkins', defined({ barcode: str(o['barcode']), branch: str(o['branch']) }));
    }
    case 'arrive':
      if (!rest[0]) throw new Error('arrive <holdId>');
      return call('POST', `/api/staff/holds/${encodeURIComponent(rest[0])}/arrive`);
    case 'maintenance':
      return call('POST', '/api/staff/maintenance');
    case 'clock':
      if (!rest[0]) throw new Error('clock <ISO instant>');
      return call('POST', '/api/staff/clock', { now: rest[0] });
    case 'call':
      if (!rest[0] || !rest[1]) throw new Error('call <METHOD> <path> [json]');
      return call(rest[0].toUpperCase(), rest[1], rest[2] === undefined ? undefined : JSON.parse(rest[2]));
    default:
      console.error(USAGE);
      process.exitCode = 2;
  }
}

main(process.argv.slice(2)).catch((e: Error) => {
  console.error(`staff: ${e.message}`);
  process.exitCode = 1;
});
