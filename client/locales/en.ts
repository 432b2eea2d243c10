/**
 * English catalogue for @lit/localize (runtime mode, explicit ids). One file per area under
 * ./en/, merged here; a new page adds its file and one spread line. The refusal words come along
 * (common/wording/en.ts): loaded with this module, never on the Japanese first load.
 */
import { templates as core } from './en/core.ts';
import { templates as more } from './en/more.ts';
import { templates as phone } from './en/phone.ts';
import { templates as queue } from './en/queue-and-days.ts';
import { templates as reminders } from './en/reminders.ts';
import { templates as card } from './en/card.ts';

export { en as refusals } from '../../common/wording/en.ts';

export const templates = { ...core, ...more, ...reminders, ...queue, ...card, ...phone };
