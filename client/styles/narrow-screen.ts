/**
 * The one breakpoint between the phone layout and the full one: below 40em (640 px; em, not rem,
 * because media queries ignore the root font size) the header folds into one menu and tables
 * become cards. CSS uses `narrowScreen` in its @media rules; code that must render differently
 * (not only look different) uses NarrowScreenController, which follows the same query.
 */
import { unsafeCSS, type ReactiveController, type ReactiveControllerHost } from 'lit';

export const NARROW_SCREEN_QUERY = '(width < 40em)';

/** For `@media screen and ${narrowScreen}` in css`` (screen only: print keeps the full layout). */
export const narrowScreen = unsafeCSS(NARROW_SCREEN_QUERY);

/** `narrow` is true below the breakpoint; the host updates when the screen crosses it. */
export class NarrowScreenController implements ReactiveController {
  private readonly query = window.matchMedia(`screen and ${NARROW_SCREEN_QUERY}`);
  narrow = this.query.matches;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.narrow = this.query.matches;
    this.query.addEventListener('change', this.onChange);
  }

  hostDisconnected(): void {
    this.query.removeEventListener('change', this.onChange);
  }

  private readonly onChange = (): void => {
    this.narrow = this.query.matches;
    this.host.requestUpdate();
  };
}
