/**
 * Staff API ([docs/rules.md#staff-and-clock](../../docs/rules.md#staff-and-clock)), enabled only with STAFF_TOKEN (`Authorization: Bearer <token>`):
 * POST /api/staff/patrons, /api/staff/titles, /api/staff/checkouts, /api/staff/clock.
 * (Check-ins, arrivals and maintenance: routes/staff-circulation.ts.)
 */
import type { H3 } from 'h3';
import type { AppContext } from '../context.ts';
import { requireStaff } from '../auth/require-staff.ts';
import { apiError } from '../http/errors.ts';
import { readJsonBody } from '../http/validate.ts';
import { checkout, createPatron, createTitle } from '../staff/register.ts';
import { CheckoutBody, ClockBody, NewPatronBody, NewTitleBody } from '../staff/staff-schemas.ts';

const created = (body: unknown) => new Response(JSON.stringify(body), { status: 201, headers: { 'content-type': 'application/json; charset=utf-8' } });

export function registerStaffRoutes(app: H3, ctx: AppContext): void {
  app.post('/api/staff/patrons', async (event) => {
    requireStaff(event, ctx);
    const body = await readJsonBody(event, NewPatronBody);
    // メール without an address in the same body is a bad request (400), not a conflict with a stored
    // record: the one place a code's status differs from the table's (http/refusal-status.ts).
    if (body.contactMethod === 'email' && !body.email) apiError('email_not_registered', { status: 400 });
    const patron = await createPatron(ctx, body);
    return created({ patronId: patron.id, cardNumber: patron.cardNumber });
  });

  app.post('/api/staff/titles', async (event) => {
    requireStaff(event, ctx);
    const title = await createTitle(ctx, await readJsonBody(event, NewTitleBody));
    return created({ bibId: title.bibId });
  });

  app.post('/api/staff/checkouts', async (event) => {
    requireStaff(event, ctx);
    const loan = await checkout(ctx, await readJsonBody(event, CheckoutBody));
    return created({ loanId: loan.id, dueOn: loan.dueOn });
  });

  app.post('/api/staff/clock', async (event) => {
    requireStaff(event, ctx);
    const { now } = await readJsonBody(event, ClockBody);
    if (!ctx.clock.adjustable) apiError('clock_fixed');
    ctx.clock.set(new Date(now));
    return { now: ctx.clock.now().toISOString(), today: ctx.clock.today() };
  });
}
