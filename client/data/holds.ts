/** Hold actions ([docs/api.md](../../docs/api.md)). */
import type { BranchCode, CancelledHold, ContactMethod, Hold, IsoDate, PlaceHoldRequest } from '../../common/api.ts';
import type { Api } from './api.ts';

const holdPath = (id: string) => `/api/holds/${encodeURIComponent(id)}`;

export async function cancelHold(api: Api, holdId: string, sendConfirmationEmail: boolean): Promise<CancelledHold> {
  const { data } = await api<{ cancelledHold: CancelledHold }>(holdPath(holdId), {
    method: 'DELETE',
    body: { sendConfirmationEmail },
  });
  return data.cancelledHold;
}

export async function changeHold(api: Api, holdId: string, change: { pickupBranch: BranchCode; contactMethod: ContactMethod }): Promise<Hold> {
  const { data } = await api<{ hold: Hold }>(holdPath(holdId), { method: 'PATCH', body: change });
  return data.hold;
}

/** 一時停止 until `pausedUntil` (the day it resumes by itself); null resumes now. */
export async function pauseHold(api: Api, holdId: string, pausedUntil: IsoDate | null): Promise<Hold> {
  const { data } = await api<{ hold: Hold }>(holdPath(holdId), { method: 'PATCH', body: { pausedUntil } });
  return data.hold;
}

export async function placeHold(api: Api, request: PlaceHoldRequest): Promise<Hold> {
  const { data } = await api<{ hold: Hold }>('/api/holds', { method: 'POST', body: request });
  return data.hold;
}

export async function createSeries(api: Api, holdIds: string[]): Promise<number> {
  const { data } = await api<{ seriesNo: number }>('/api/holds/series', { method: 'POST', body: { holdIds } });
  return data.seriesNo;
}

export async function reorderSeries(api: Api, seriesNo: number, holdIds: string[]): Promise<void> {
  await api<unknown>(`/api/holds/series/${seriesNo}`, { method: 'PUT', body: { holdIds } });
}

export async function releaseSeries(api: Api, seriesNo: number): Promise<void> {
  await api<unknown>(`/api/holds/series/${seriesNo}`, { method: 'DELETE' });
}
