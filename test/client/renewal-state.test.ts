import { expect } from '@open-wc/testing';
import { renewCell } from '../../client/pages/account/renewal-state.ts';
import { loan } from './fixtures.ts';

const window = { from: '2020-04-21', to: '2020-05-05' };

describe('renewCell: what 貸出更新 shows', () => {
  it('online follows the server: renewable, or the lasting reason', () => {
    expect(renewCell(loan(), '2020-04-28', false, false)).to.deep.equal({ kind: 'renewable' });
    expect(renewCell(loan({ renewable: false, renewBlockedBy: 'has_holds' }), '2020-04-28', false, false)).to.deep.equal({ kind: 'blocked', reason: 'has_holds' });
    expect(renewCell(loan({ renewals: 1, renewable: false, renewBlockedBy: 'renewal_limit' }), '2020-04-28', false, false)).to.deep.equal({ kind: 'renewed' });
  });

  it('outside the window says from when, or that it has passed', () => {
    const blocked = { renewable: false, renewBlockedBy: 'outside_window' as const, renewWindow: window };
    expect(renewCell(loan(blocked), '2020-04-20', false, false)).to.deep.equal({ kind: 'not_yet', from: '2020-04-21' });
    expect(renewCell(loan(blocked), '2020-05-06', false, false)).to.deep.equal({ kind: 'window_passed' });
  });

  it('offline predicts from the window and today (inclusive bounds), keeping lasting blocks', () => {
    const stale = loan({ renewable: false, renewBlockedBy: 'outside_window', renewWindow: window });
    expect(renewCell(stale, '2020-04-21', true, false)).to.deep.equal({ kind: 'renewable' });
    expect(renewCell(stale, '2020-05-05', true, false)).to.deep.equal({ kind: 'renewable' });
    expect(renewCell(stale, '2020-05-06', true, false)).to.deep.equal({ kind: 'window_passed' });
    expect(renewCell(loan({ renewable: false, renewBlockedBy: 'not_renewable_material' }), '2020-04-28', true, false)).to.deep.equal({ kind: 'blocked', reason: 'not_renewable_material' });
    expect(renewCell(loan({ renewals: 1, renewable: false, renewBlockedBy: 'renewal_limit' }), '2020-04-28', true, false)).to.deep.equal({ kind: 'renewed' });
  });

  it('a queued renewal is 送信待ち whatever else is true', () => {
    expect(renewCell(loan(), '2020-04-28', true, true)).to.deep.equal({ kind: 'pending' });
    expect(renewCell({ ...loan(), pendingRenewal: true }, '2020-04-28', true, false)).to.deep.equal({ kind: 'pending' });
  });
});
