/**
 * Where the server says what it did: the console in production, almost nothing in tests (errors
 * still print). Its own module so that anything may log without importing the app context.
 */

export interface Log {
  info(msg: string, extra?: unknown): void;
  warn(msg: string, extra?: unknown): void;
  error(msg: string, extra?: unknown): void;
}

export const consoleLog: Log = {
  info: (m, x) => (x === undefined ? console.log(m) : console.log(m, x)),
  warn: (m, x) => (x === undefined ? console.warn(m) : console.warn(m, x)),
  error: (m, x) => (x === undefined ? console.error(m) : console.error(m, x)),
};

export const silentLog: Log = { info: () => undefined, warn: () => undefined, error: (m, x) => console.error(m, x) };
