/**
 * The device's clock, the page's only "now". Online the server's `today` is the truth; offline
 * (reading a stored snapshot) the device's date is all there is, e.g. to predict whether a loan can
 * still be renewed. Tests pin it, as the server's tests pin LIBRARY_NOW.
 */
let now: () => Date = () => new Date();

export function deviceNow(): Date {
  return now();
}

/** For tests: a fixed instant (or undefined to go back to the real clock). */
export function setDeviceNowForTest(instant: string | undefined): void {
  now = instant === undefined ? () => new Date() : () => new Date(instant);
}
