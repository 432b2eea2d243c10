/**
 * Kiosk idle countdown ([docs/rules.md#kiosk-mode](../../docs/rules.md#kiosk-mode)): after the
 * policy's kiosk idle timeout without pointer, key or touch activity the kiosk session ends. The last
 * 30 seconds are shown as an alert with a 続ける button. The shell shows it while a kiosk patron is
 * logged in (its own chunk), so the idle time counts from the login.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { KIOSK_WARNING_MS } from './kiosk-timeout.ts';

const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'touchstart', 'wheel'] as const;

declare global {
  interface HTMLElementEventMap {
    /** The kiosk idle time is over: the shell wipes the device and logs out. */
    'shiori-kiosk-timeout': Event;
  }
}

/**
 * @fires shiori-kiosk-timeout - when the idle time is over (bubbles to the shell, which wipes and logs out).
 */
@customElement('shiori-kiosk-timer')
export class ShioriKioskTimer extends LitElement {
  static override styles = css`
    :host { display: contents; }
    .alert {
      position: fixed;
      inset-inline: 0.5rem;
      inset-block-start: 0.5rem;
      z-index: 1001;
      max-width: 36rem;
      margin-inline: auto;
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 1rem;
      padding: 0.75rem 1rem;
      border: 0.1875rem solid var(--c-warning-border, #b35c00);
      border-radius: 0.5rem;
      background: var(--c-warning-bg, #fff4e0);
      color: var(--c-text, #1a1a1a);
      box-shadow: 0 0.125rem 0.5rem rgb(0 0 0 / 0.3);
      font-size: 1.0625rem;
    }
    .left { font-weight: 700; font-variant-numeric: tabular-nums; }
    button {
      font: inherit;
      font-weight: 700;
      min-height: 2.75rem;
      min-width: 5rem;
      padding: 0.25rem 1rem;
      border: 0.125rem solid var(--c-primary, #1d4e89);
      border-radius: 0.375rem;
      background: var(--c-primary, #1d4e89);
      color: var(--c-on-primary, #fff);
      cursor: pointer;
    }
    button:focus-visible { outline: 0.1875rem solid var(--c-focus, #f5a300); outline-offset: 0.125rem; }
  `;

  /** Idle time (ms) after which the session ends (the shell sets the policy's). */
  @property({ type: Number }) timeoutMs = 0;

  /** How long (ms) before the end the countdown is shown. */
  @property({ type: Number }) warningMs = KIOSK_WARNING_MS;

  @state() private remainingMs = Infinity;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  private lastActivity = Date.now();
  private ticker: number | undefined;
  private readonly onActivity = () => {
    this.lastActivity = Date.now();
    if (this.remainingMs <= this.warningMs) this.tick();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    this.lastActivity = Date.now();
    for (const type of ACTIVITY_EVENTS) window.addEventListener(type, this.onActivity, { capture: true, passive: true });
    this.ticker = window.setInterval(() => this.tick(), 250);
    this.tick();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, this.onActivity, { capture: true });
    window.clearInterval(this.ticker);
  }

  /** Starts the idle time again (続ける, or the page after a login). */
  restart(): void {
    this.lastActivity = Date.now();
    this.tick();
  }

  private tick(): void {
    if (this.timeoutMs <= 0) return; // not set yet
    const remaining = this.timeoutMs - (Date.now() - this.lastActivity);
    if (remaining > 0) {
      this.remainingMs = remaining;
      return;
    }
    // Fire once per idle period; the page wipes and leaves, or activity starts a new period.
    this.lastActivity = Date.now();
    this.remainingMs = this.timeoutMs;
    this.dispatchEvent(new Event('shiori-kiosk-timeout', { bubbles: true, composed: true }));
  }

  override render() {
    const warning = Math.min(this.warningMs, this.timeoutMs);
    if (this.remainingMs > warning) return nothing;
    const seconds = Math.ceil(this.remainingMs / 1000);
    const warningSeconds = Math.ceil(warning / 1000);
    // The alert text is fixed while it is shown (announced once); the ticking seconds are visual only.
    return html`<div class="alert" role="alert">
      <span>${msg(str`しばらく操作がないため、${warningSeconds}秒後に自動的にログアウトします。`, { id: 'kiosk.timer.alert' })}</span>
      <span class="left" aria-hidden="true">${msg(str`残り ${seconds} 秒`, { id: 'kiosk.timer.left' })}</span>
      <button type="button" @click=${this.restart}>${msg('続ける', { id: 'kiosk.timer.keep' })}</button>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'shiori-kiosk-timer': ShioriKioskTimer;
  }
}
