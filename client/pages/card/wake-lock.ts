/**
 * Keeps the screen awake while 利用者カード is shown (Screen Wake Lock), so the barcode stays on
 * the screen at the desk. A Lit controller: requested when the page connects, released when it
 * leaves; the browser drops the lock whenever the page is hidden, so it is asked for again when the
 * page becomes visible. Where the API is missing or refuses (no permission, low battery), nothing
 * happens: the page works as before.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Sentinel = Pick<WakeLockSentinel, 'released' | 'release'>;

/** navigator.wakeLock, or null where the browser has none (older Safari and Firefox, insecure origins). */
function wakeLockApi(): Pick<WakeLock, 'request'> | null {
  return 'wakeLock' in navigator && navigator.wakeLock && typeof navigator.wakeLock.request === 'function' ? navigator.wakeLock : null;
}

export class ScreenWakeLock implements ReactiveController {
  private sentinel: Sentinel | null = null;
  private connected = false;
  /** A request is on its way (a visibilitychange right after connecting must not ask twice). */
  private requesting = false;

  /** `wanted`: whether the host wants the screen awake now (利用者カード: not on a kiosk). */
  constructor(
    host: ReactiveControllerHost,
    private readonly wanted: () => boolean = () => true,
  ) {
    host.addController(this);
  }

  /** Whether the screen is held awake now (for the tests and the page's own checks). */
  get held(): boolean {
    return this.sentinel !== null && !this.sentinel.released;
  }

  hostConnected(): void {
    this.connected = true;
    document.addEventListener('visibilitychange', this.onVisibility);
    this.sync();
  }

  hostDisconnected(): void {
    this.connected = false;
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.release();
  }

  /** Takes or gives back the lock as `wanted()` now says (the host calls it when that may have changed). */
  sync(): void {
    if (this.connected && this.wanted()) void this.acquire();
    else this.release();
  }

  private onVisibility = (): void => {
    if (document.visibilityState === 'visible') this.sync();
  };

  private release(): void {
    const sentinel = this.sentinel;
    this.sentinel = null;
    void sentinel?.release().catch(() => undefined);
  }

  private async acquire(): Promise<void> {
    const api = wakeLockApi();
    if (!api || this.held || this.requesting || document.visibilityState !== 'visible') return;
    this.requesting = true;
    let sentinel: Sentinel;
    try {
      sentinel = await api.request('screen');
    } catch {
      return; // Refused (permission policy, battery saver): the page still shows the card.
    } finally {
      this.requesting = false;
    }
    // The page left (or stopped wanting it) while the request was on its way: give it straight back.
    if (!this.connected || !this.wanted()) {
      void sentinel.release().catch(() => undefined);
      return;
    }
    this.sentinel = sentinel;
  }
}
