/**
 * Kids' Japanese catalogue (こども): one file per area under ./ja-kids/, merged here, and the kids'
 * words for every refusal (./ja-kids/refusals.ts).
 */
import { templates as core } from './ja-kids/core.ts';
import { templates as more } from './ja-kids/more.ts';
import { templates as phone } from './ja-kids/phone.ts';
import { templates as queue } from './ja-kids/queue-and-days.ts';
import { templates as reminders } from './ja-kids/reminders.ts';
import { templates as card } from './ja-kids/card.ts';

export { refusals } from './ja-kids/refusals.ts';

export const templates = { ...core, ...more, ...reminders, ...queue, ...card, ...phone };
