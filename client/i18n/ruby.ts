/**
 * Furigana for the kids' wording. Kids' strings mark readings Aozora-style: ｜漢字《かんじ》.
 * rt() renders them as <ruby>; plain() drops the readings (for attributes and titles).
 */
import { html, type TemplateResult } from 'lit';

const MARK = /｜([^｜《]+)《([^》]+)》/g;

export function rt(text: string): string | TemplateResult {
  if (!text.includes('《')) return text;
  const parts: Array<string | TemplateResult> = [];
  let last = 0;
  for (const m of text.matchAll(MARK)) {
    parts.push(text.slice(last, m.index));
    parts.push(html`<ruby>${m[1]}<rp>(</rp><rt>${m[2]}</rt><rp>)</rp></ruby>`);
    last = (m.index ?? 0) + m[0].length;
  }
  parts.push(text.slice(last));
  return html`${parts}`;
}

export function plain(text: string): string {
  return text.replace(MARK, '$1');
}
