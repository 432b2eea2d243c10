/**
 * Display options (SPEC §6): palette, audience, text size, language.
 * Stored on the device (memory only in kiosk mode) and applied as attributes on <html>;
 * client/public/prepaint.js applies the stored ones before first paint with the same names.
 */
import { readStored, writeStored } from './device-storage.ts';

export type Palette = 'standard' | 'cud';
export type Audience = 'adult' | 'kids';
export type TextSize = 's' | 'm' | 'l';
export type Language = 'ja' | 'en';

export interface DisplayOptions {
  palette: Palette;
  audience: Audience;
  size: TextSize;
  lang: Language;
}

/** Keep in step with client/public/prepaint.js. */
export const DISPLAY_KEY = 'shiori.display';
export const DISPLAY_CHANGED_EVENT = 'shiori:display-changed';

export const DEFAULT_OPTIONS: DisplayOptions = { palette: 'standard', audience: 'adult', size: 'm', lang: 'ja' };

function normalise(value: Partial<DisplayOptions> | null): DisplayOptions {
  const v = value ?? {};
  return {
    palette: v.palette === 'cud' ? 'cud' : 'standard',
    audience: v.audience === 'kids' ? 'kids' : 'adult',
    size: v.size === 's' || v.size === 'l' ? v.size : 'm',
    lang: v.lang === 'en' ? 'en' : 'ja',
  };
}

let current: DisplayOptions = normalise(readStored<Partial<DisplayOptions>>(DISPLAY_KEY));

export function displayOptions(): DisplayOptions {
  return current;
}

/** Sets <html data-palette data-audience data-size lang> (what the CSS keys on). */
export function applyToDocument(options: DisplayOptions, root: HTMLElement = document.documentElement): void {
  root.dataset['palette'] = options.palette;
  root.dataset['audience'] = options.audience;
  root.dataset['size'] = options.size;
  root.lang = options.lang;
}

export function updateDisplayOptions(change: Partial<DisplayOptions>): DisplayOptions {
  current = normalise({ ...current, ...change });
  writeStored(DISPLAY_KEY, current);
  applyToDocument(current);
  window.dispatchEvent(new CustomEvent(DISPLAY_CHANGED_EVENT, { detail: current }));
  return current;
}

/** Test hook: set options without storing them. */
export function setDisplayOptionsForTest(options: DisplayOptions): void {
  current = options;
  applyToDocument(options);
}
