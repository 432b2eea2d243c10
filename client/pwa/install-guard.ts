/** No install prompt on a shared device: the browser's beforeinstallprompt is refused in kiosk mode. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class KioskInstallGuard implements ReactiveController {
  constructor(
    host: ReactiveControllerHost,
    private readonly isKiosk: () => boolean,
  ) {
    host.addController(this);
  }

  private readonly onPrompt = (event: Event): void => {
    if (this.isKiosk()) event.preventDefault();
  };

  hostConnected(): void {
    window.addEventListener('beforeinstallprompt', this.onPrompt);
  }

  hostDisconnected(): void {
    window.removeEventListener('beforeinstallprompt', this.onPrompt);
  }
}
