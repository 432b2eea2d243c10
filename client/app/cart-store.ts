/** 予約カート contents (bib ids) on the device; the cart page itself comes later. */
import { readStored, writeStored } from './device-storage.ts';

const KEY = 'shiori.cart';
export const CART_CHANGED_EVENT = 'shiori:cart-changed';

export function cartItems(): string[] {
  return readStored<string[]>(KEY) ?? [];
}

export function setCartItems(bibIds: string[]): void {
  writeStored(KEY, [...new Set(bibIds)]);
  window.dispatchEvent(new CustomEvent(CART_CHANGED_EVENT));
}

export function addToCart(bibId: string): void {
  setCartItems([...cartItems(), bibId]);
}
