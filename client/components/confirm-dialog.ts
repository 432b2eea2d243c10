import { html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { DialogBase } from './dialog-base.ts';

export interface ConfirmText {
  title: string;
  message: string;
  confirm: string;
  cancel: string;
}

/**
 * A yes/no question in a modal dialog (e.g. logging out with renewals not yet sent).
 * show() resolves true for the confirm button, false for cancel or Escape.
 */
@customElement('shiori-confirm-dialog')
export class ConfirmDialog extends DialogBase {
  @state() private text: ConfirmText = { title: '', message: '', confirm: '', cancel: '' };
  private resolve: ((ok: boolean) => void) | null = null;
  private answer = false;

  async ask(text: ConfirmText, opener: HTMLElement | null): Promise<boolean> {
    this.text = text;
    this.answer = false;
    const result = new Promise<boolean>((r) => (this.resolve = r));
    await this.showFrom(opener);
    return result;
  }

  protected override onDialogClose(): void {
    super.onDialogClose();
    this.resolve?.(this.answer);
    this.resolve = null;
  }

  override render() {
    return html`<dialog aria-labelledby="confirm-title" aria-describedby="confirm-message" @close=${this.onDialogClose}>
      <h2 id="confirm-title">${this.text.title}</h2>
      <p id="confirm-message">${this.text.message}</p>
      <div class="actions">
        <button type="button" class="confirm" @click=${() => { this.answer = true; this.close(); }}>${this.text.confirm}</button>
        <button type="button" class="secondary cancel" @click=${() => this.close()}>${this.text.cancel}</button>
      </div>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'shiori-confirm-dialog': ConfirmDialog;
  }
}
