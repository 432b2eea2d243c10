/** Hold actions (SPEC §7). */
import type { BranchCode, CancelledHold, ContactMethod, Hold, IsoDate, PlaceHoldRequest } from '../../common/api.ts';
import { api } from './api.ts';

const holdPath = (id: string) => `/api/holds/${encodeURIComponent(id)}`;

export async function cancelHold(holdId: string, sendConfirmationEmail: boolean): Promise<CancelledHold> {
  const { data } = await api<{ cancelledHold: CancelledHold }>(holdPath(holdId), {
    method: 'DELETE',
    body: { sendConfirmationEmail },
  });
  return data.cancelledHold;
}

export async function changeHold(holdId: string, change: { pickupBranch: BranchCode; contactMethod: ContactMethod }): Promise<Hold> {
  const { data } = await api<{ hold: Hold }>(holdPath(holdId), { method: 'PATCH', body: change });
  return data.hold;
}

/** 一時停止 until `pausedUntil` (the day it resumes by itself); null resumes now. */
export async function pauseHold(holdId: string, pausedUntil: IsoDate | null): Promise<Hold> {
  const { data } = await api<{ hold: Hold }>(holdPath(holdId), { method: 'PATCH', body: { pausedUntil } });
  return data.hold;
}

export async function placeHold(request: PlaceHoldRequest): Promise<Hold> {
  const { data } = await api<{ hold: Hold }>('/api/holds', { method: 'POST', body: request });
  return data.hold;
}

export async function createSeries(holdIds: string[]): Promise<number> {
  const { data } = await api<{ seriesNo: number }>('/api/holds/series', { method: 'POST', body: { holdIds } });
  return data.seriesNo;
}

export async function reorderSeries(seriesNo: number, holdIds: string[]): Promise<void> {
  await api<unknown>(`/api/holds/series/${seriesNo}`, { method: 'PUT', body: { holdIds } });
}

export async function releaseSeries(seriesNo: number): Promise<void> {
  await api<unknown>(`/api/holds/series/${seriesNo}`, { method: 'DELETE' });
}
