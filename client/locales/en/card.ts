/** English: 利用者カード (the digital library card). */
import { str } from '@lit/localize';

export const templates = {
  'menu.card': 'Library card',
  'card.number': 'Card number',
  'card.barcodeLabel': str`Barcode of the card number (${0})`,
  'card.expired': 'Expired',
  'card.brighten': 'Please turn up the screen brightness.',
  'card.noNumber': 'This device does not have the card number yet. Please open this page again while connected to the internet.',
  'card.barcodeFailed': 'The barcode could not be shown. Please tell the desk your card number.',
  'card.notOnKiosk': 'The library card is not shown on a shared computer. Please open it on your own device.',
};
