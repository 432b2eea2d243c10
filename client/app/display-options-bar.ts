import { LitElement, html, css } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { displayContext } from './context.ts';
import { DEFAULT_OPTIONS, type DisplayOptions } from './display-options.ts';
import { askApp } from './events.ts';
import { rt } from '../i18n/ruby.ts';
import { narrowScreen } from '../styles/narrow-screen.ts';
import { sharedStyles } from '../styles/shared.ts';

type Choice<K extends keyof DisplayOptions> = { value: DisplayOptions[K]; label: () => string; lang?: string };

/**
 * 配色 標準 / CUD モード · 大人 / こども · 文字の大きさ 小 / 中 / 大 · 言語 日本語 / English.
 * @fires shiori-display-change - the patron's choice (the app's state applies and stores it)
 */
@customElement('shiori-display-options')
export class DisplayOptionsBar extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host { display: block; }
      .groups { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; align-items: center; }
      /* On a phone the four groups would take a third of the screen: there they fold behind one
         表示設定 button, inside the header's メニュー (client/styles/narrow-screen.ts). */
      .toggle { display: none; }
      @media screen and ${narrowScreen} {
        .toggle { display: inline-flex; align-items: center; gap: 0.25rem; }
        .groups.collapsed { display: none; }
        .groups { margin-top: 0.25rem; }
      }
      [role='group'] { display: inline-flex; flex-wrap: wrap; gap: 0.25rem; align-items: center; }
      .name { font-weight: 700; margin-inline-end: 0.25rem; }
      button { min-height: 2.25rem; min-width: 2.25rem; padding: 0 0.5rem; background: var(--c-bg); color: var(--c-primary); }
      button[aria-pressed='true'] { background: var(--c-primary); color: var(--c-on-primary); font-weight: 700; }
      button[aria-pressed='true']::before { content: '✓'; }
      :host-context(html[data-audience='kids']) button { min-height: var(--target); min-width: var(--target); }
      @media print { :host { display: none; } }
    `,
  ];

  @consume({ context: displayContext, subscribe: true })
  private options: DisplayOptions = DEFAULT_OPTIONS;

  /** Only matters on narrow screens, where the groups fold behind the toggle. */
  @state() private expanded = false;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  private choose(change: Partial<DisplayOptions>): void {
    askApp(this, 'shiori-display-change', change);
  }

  private group<K extends keyof DisplayOptions>(key: K, name: string, choices: Choice<K>[]) {
    return html`<div role="group" aria-labelledby="g-${key}">
      <span class="name" id="g-${key}">${rt(name)}</span>
      ${choices.map(
        (c) => html`<button type="button" data-option=${`${key}:${c.value}`} lang=${c.lang ?? ''}
          aria-pressed=${this.options[key] === c.value ? 'true' : 'false'}
          @click=${() => this.choose({ [key]: c.value } as Partial<DisplayOptions>)}>${rt(c.label())}</button>`,
      )}
    </div>`;
  }

  override render() {
    return html`
      <button type="button" class="toggle" aria-expanded=${this.expanded ? 'true' : 'false'} aria-controls="groups"
        @click=${() => (this.expanded = !this.expanded)}>${rt(msg('表示設定', { id: 'options.toggle' }))} <span aria-hidden="true">${this.expanded ? '▴' : '▾'}</span></button>
      <div id="groups" class="groups ${this.expanded ? '' : 'collapsed'}">
      ${this.group('palette', msg('配色', { id: 'options.palette' }), [
        { value: 'standard', label: () => msg('標準', { id: 'options.palette.standard' }) },
        { value: 'cud', label: () => msg('CUD モード', { id: 'options.palette.cud' }) },
      ])}
      ${this.group('audience', msg('表示', { id: 'options.audience' }), [
        { value: 'adult', label: () => msg('大人', { id: 'options.audience.adult' }) },
        { value: 'kids', label: () => msg('こども', { id: 'options.audience.kids' }) },
      ])}
      ${this.group('size', msg('文字の大きさ', { id: 'options.size' }), [
        { value: 's', label: () => msg('小', { id: 'options.size.s' }) },
        { value: 'm', label: () => msg('中', { id: 'options.size.m' }) },
        { value: 'l', label: () => msg('大', { id: 'options.size.l' }) },
      ])}
      ${this.group('lang', msg('言語', { id: 'options.lang' }), [
        { value: 'ja', label: () => '日本語', lang: 'ja' },
        { value: 'en', label: () => 'English', lang: 'en' },
      ])}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'shiori-display-options': DisplayOptionsBar;
  }
}
