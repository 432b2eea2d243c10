/**
 * Base for the confirmation dialogs: a native <dialog> opened with showModal() (the rest of the page
 * is inert, Escape closes), and focus goes back to the button that opened it — or, when that button
 * is gone (a renewed row has no 延長 button any more), to a fallback the opener names.
 */
import { LitElement, css, html } from 'lit';
import { query } from 'lit/decorators.js';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { rt } from '../i18n/ruby.ts';
import { sharedStyles } from '../styles/shared.ts';

export const dialogStyles = [
  sharedStyles,
  css`
    dialog { border: 0.125rem solid var(--c-primary); border-radius: 0.5rem; padding: 1rem; max-width: min(36rem, calc(100vw - 1rem)); width: 100%; color: var(--c-text); background: var(--c-bg); }
    dialog::backdrop { background: rgb(0 0 0 / 0.45); }
    dl { display: grid; grid-template-columns: minmax(6rem, auto) 1fr; gap: 0.4rem 1rem; margin: 0.75rem 0; }
    dt { font-weight: 700; }
    dd { margin: 0; }
    .field { display: grid; gap: 0.25rem; margin: 0.5rem 0; }
    .actions { display: flex; flex-wrap: wrap; gap: 0.75rem; justify-content: flex-end; margin-top: 1rem; }
    ol, ul { padding-inline-start: 1.25rem; }
  `,
];

export abstract class DialogBase extends LitElement {
  static override styles = dialogStyles;

  @query('dialog') protected dialog!: HTMLDialogElement;
  private opener: HTMLElement | null = null;
  private fallbackFocus: (() => HTMLElement | null | undefined) | null = null;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  get open(): boolean {
    return this.dialog?.open ?? false;
  }

  /** Opens the dialog modally; remembers who to give the focus back to. */
  protected async showFrom(opener: HTMLElement | null, fallback?: () => HTMLElement | null | undefined): Promise<void> {
    this.opener = opener;
    this.fallbackFocus = fallback ?? null;
    this.requestUpdate();
    await this.updateComplete;
    if (!this.dialog.open) this.dialog.showModal();
  }

  close(): void {
    if (this.dialog?.open) this.dialog.close();
  }

  /** The seed's 更新する / 更新しない pair (【貸出延長確認】, 【予約変更確認】). */
  protected updateButtons(onConfirm: () => void) {
    return html`<div class="actions">
      <button type="button" class="confirm" @click=${onConfirm}>${rt(msg('更新する', { id: 'dialog.update' }))}</button>
      <button type="button" class="secondary cancel" @click=${() => this.close()}>${rt(msg('更新しない', { id: 'dialog.noUpdate' }))}</button>
    </div>`;
  }

  protected onDialogClose(): void {
    const target = this.opener?.isConnected ? this.opener : this.fallbackFocus?.();
    this.opener = null;
    // After the owner re-rendered (the opener may have been replaced).
    requestAnimationFrame(() => {
      const t = target?.isConnected ? target : this.fallbackFocus?.();
      t?.focus();
    });
    this.dispatchEvent(new CustomEvent('dialog-closed', { bubbles: true, composed: true }));
  }
}
