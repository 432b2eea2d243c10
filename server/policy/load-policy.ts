/**
 * Loads the policy: the Koganei defaults, with the library's JSON file (LIBRARY_CONFIG) laid over
 * them (objects merge, arrays and values replace), then validated. A bad file stops the start with
 * an error naming the field, e.g. `LIBRARY_CONFIG x.json: renewal.daysBeforeDue: Invalid type…`.
 */
import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { KOGANEI_POLICY } from './defaults.ts';
import { PolicySchema, type Policy } from './policy.ts';

export class PolicyError extends Error {
  override name = 'PolicyError';
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function overlay(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, val] of Object.entries(over)) out[k] = k in base ? overlay(base[k], val) : val;
  return out;
}

/** Validates a policy object (already merged); throws PolicyError naming the first bad field. */
export function validatePolicy(input: unknown, source = 'policy'): Policy {
  const result = v.safeParse(PolicySchema, input);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const path = v.getDotPath(issue) ?? issue.path?.map((p) => String(p.key)).join('.') ?? '(root)';
  throw new PolicyError(`${source}: ${path || '(root)'}: ${issue.message}`);
}

export function loadPolicy(configPath: string | undefined): Policy {
  if (!configPath) return validatePolicy(structuredClone(KOGANEI_POLICY), 'default policy');
  let text: string;
  try {
    text = readFileSync(configPath, 'utf8');
  } catch (e) {
    throw new PolicyError(`LIBRARY_CONFIG ${configPath}: cannot read (${(e as Error).message})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new PolicyError(`LIBRARY_CONFIG ${configPath}: not valid JSON (${(e as Error).message})`);
  }
  if (!isPlainObject(parsed)) throw new PolicyError(`LIBRARY_CONFIG ${configPath}: (root): expected a JSON object`);
  return validatePolicy(overlay(structuredClone(KOGANEI_POLICY), parsed), `LIBRARY_CONFIG ${configPath}`);
}
