/**
 * 「新しいバージョンがあります — 更新」: shown when a new service worker is waiting. Nothing is
 * reloaded until the patron chooses 更新, so what they typed is never lost behind their back.
 */
import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { msg, updateWhenLocaleChanges } from '@lit/localize';

export const UPDATE_ACCEPTED_EVENT = 'shiori-update-accepted';

declare global {
  interface HTMLElementEventMap {
    'shiori-update-accepted': CustomEvent<void>;
  }
}

/**
 * @fires shiori-update-accepted - the patron chose 更新 (the bridge then activates the new version and reloads).
 */
@customElement('shiori-update-prompt')
export class ShioriUpdatePrompt extends LitElement {
  static override styles = css`
    :host {
      position: fixed;
      inset-inline: 0.5rem;
      inset-block-end: 0.5rem;
      z-index: 1000;
      display: flex;
      justify-content: center;
      pointer-events: none;
    }
    div {
      pointer-events: auto;
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 0.75rem;
      padding: 0.5rem 0.75rem;
      border: 0.125rem solid var(--c-primary, #1d4e89);
      border-radius: 0.5rem;
      background: var(--c-bg, #fff);
      color: var(--c-text, #1a1a1a);
      box-shadow: 0 0.125rem 0.5rem rgb(0 0 0 / 0.25);
      font-size: 1rem;
    }
    button {
      font: inherit;
      min-height: 2.75rem;
      min-width: 2.75rem;
      padding: 0.25rem 0.9rem;
      border-radius: 0.375rem;
      cursor: pointer;
    }
    .update {
      border: 0.125rem solid var(--c-primary, #1d4e89);
      background: var(--c-primary, #1d4e89);
      color: var(--c-on-primary, #fff);
      font-weight: 700;
    }
    .later {
      border: 0.125rem solid currentColor;
      background: transparent;
      color: inherit;
    }
    button:focus-visible {
      outline: 0.1875rem solid var(--c-focus, #f5a300);
      outline-offset: 0.125rem;
    }
  `;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override render() {
    return html`<div role="status" aria-live="polite">
      <span>${msg('新しいバージョンがあります', { id: 'update.message' })} —</span>
      <button class="update" type="button" @click=${this.accept}>${msg('更新', { id: 'update.accept' })}</button>
      <button class="later" type="button" @click=${this.dismiss}>${msg('閉じる', { id: 'common.close' })}</button>
    </div>`;
  }

  private accept(): void {
    this.dispatchEvent(new CustomEvent(UPDATE_ACCEPTED_EVENT, { bubbles: true, composed: true }));
  }

  /** Later: the new version then starts the next time every tab of the app is closed. */
  private dismiss(): void {
    this.remove();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'shiori-update-prompt': ShioriUpdatePrompt;
  }
}
