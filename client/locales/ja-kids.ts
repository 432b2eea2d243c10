/**
 * Kids' Japanese catalogue (こども): one file per area under ./ja-kids/, merged here.
 * `errors` maps server error codes to kids' wording.
 */
import { templates as core, errors as coreErrors } from './ja-kids/core.ts';
import { templates as more, errors as moreErrors } from './ja-kids/more.ts';
import { templates as queue } from './ja-kids/queue-and-days.ts';
import { templates as reminders } from './ja-kids/reminders.ts';

export const templates = { ...core, ...more, ...reminders, ...queue };
export const errors: Record<string, string> = { ...coreErrors, ...moreErrors };
