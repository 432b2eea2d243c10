/**
 * Display options ([docs/rules.md#display-options](../../docs/rules.md#display-options)): palette,
 * audience, text size, language. Stored on the device (never in kiosk mode) and applied as attributes
 * on <html>; client/public/prepaint.js applies the stored ones before first paint with the same names.
 * Pure helpers: the app's state (app-state.ts) holds the current choice.
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

export const DEFAULT_OPTIONS: DisplayOptions = { palette: 'standard', audience: 'adult', size: 'm', lang: 'ja' };

export function normaliseDisplay(value: Partial<Record<keyof DisplayOptions, unknown>> | null): DisplayOptions {
  const v = value ?? {};
  return {
    palette: v.palette === 'cud' ? 'cud' : 'standard',
    audience: v.audience === 'kids' ? 'kids' : 'adult',
    size: v.size === 's' || v.size === 'l' ? v.size : 'm',
    lang: v.lang === 'en' ? 'en' : 'ja',
  };
}

/** The options stored on this device (a kiosk keeps none). */
export function storedDisplayOptions(kiosk: boolean): DisplayOptions {
  return kiosk ? DEFAULT_OPTIONS : normaliseDisplay(readStored<Partial<DisplayOptions>>(DISPLAY_KEY));
}

export function storeDisplayOptions(options: DisplayOptions, kiosk: boolean): void {
  if (!kiosk) writeStored(DISPLAY_KEY, options);
}

/** Sets <html data-palette data-audience data-size lang> (what the CSS keys on). */
export function applyToDocument(options: DisplayOptions, root: HTMLElement = document.documentElement): void {
  root.dataset['palette'] = options.palette;
  root.dataset['audience'] = options.audience;
  root.dataset['size'] = options.size;
  root.lang = options.lang;
}

/** The options the page shows now (applied before first paint by prepaint.js, then by the app). */
export function appliedDisplayOptions(root: HTMLElement = document.documentElement): DisplayOptions {
  return normaliseDisplay({ palette: root.dataset['palette'], audience: root.dataset['audience'], size: root.dataset['size'], lang: root.lang });
}
