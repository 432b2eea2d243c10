/**
 * English catalogue for @lit/localize (runtime mode, explicit ids). One file per area under
 * ./en/, merged here; a new page adds its file and one spread line.
 */
import { templates as core } from './en/core.ts';

export const templates = { ...core };
