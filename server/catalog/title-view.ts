/**
 * What the catalogue API shows of a stored title: bibliographic fields plus availability, and on
 * the title page its copies grouped by branch (in the policy's branch order, then barcode).
 */
import type { BranchCode, SearchResult, TitleDetail } from '../../common/api.ts';
import type { TitleRecord } from '../domain/records.ts';

export function searchResult(t: TitleRecord): SearchResult {
  return {
    bibId: t.bibId,
    title: t.title,
    author: t.author,
    publisher: t.publisher,
    year: t.year,
    materialType: t.materialType,
    category: t.category,
    available: t.copies.filter((c) => c.status === 'on_shelf').length,
    copies: t.copies.length,
    holds: t.queue.length,
  };
}

export function titleDetail(t: TitleRecord, branchOrder: readonly BranchCode[]): TitleDetail {
  // Unknown branches (not in the policy any more) go last rather than disappear.
  const rank = (b: BranchCode) => {
    const i = branchOrder.indexOf(b);
    return i === -1 ? branchOrder.length : i;
  };
  const copyList = [...t.copies]
    .sort((a, b) => rank(a.branch) - rank(b.branch) || a.branch.localeCompare(b.branch) || a.barcode.localeCompare(b.barcode))
    .map((c) => ({ barcode: c.barcode, branch: c.branch, status: c.status, dueOn: c.dueOn }));
  return { ...searchResult(t), copyList };
}
