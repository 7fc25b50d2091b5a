import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthContext, type AuthContextValue } from '../../auth/auth-context';
import type { ClinicRole } from '../../auth/session';
import { AuditPage } from './AuditPage';
import { auditEvent, patientId } from './test-event';

type Reply = [status: number, body: unknown, headers?: Record<string, string>];

/**
 * Answers GET /api/v1/audit/events with `pages` in turn, an export with `exported` and the directory;
 * records the query of each call to the audit trail.
 */
function fakeServer(pages: Reply[], exported?: Response) {
  const queries: Record<string, string>[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const url = new URL(request.url);
      if (url.pathname.startsWith('/api/v1/audit/')) queries.push(Object.fromEntries(url.searchParams));
      if (url.pathname === '/api/v1/audit/export' && exported) return exported;
      let reply: Reply = [200, { items: [{ id: 'u2', display_name: 'Demo practitioner', role: 'practitioner' }] }];
      if (url.pathname === '/api/v1/audit/events') reply = pages.shift() ?? [500, {}];
      const [status, body, headers] = reply;
      return new Response(JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json', ...headers },
      });
    }),
  );
  return queries;
}

function renderAt(address: string, role: ClinicRole = 'owner') {
  const auth = {
    state: {
      status: 'signed_in',
      session: {
        user: { id: 'u1', email: 'owner@example.org', display_name: 'Demo owner' },
        session_id: 's1',
        clinic_id: 'c1',
        role,
        multi_factor: false,
        memberships: [],
      },
    },
  } as unknown as AuthContextValue;
  const router = createMemoryRouter([{ path: '/audit', element: <AuditPage /> }], { initialEntries: [address] });
  render(
    <AuthContext.Provider value={auth}>
      <RouterProvider router={router} />
    </AuthContext.Provider>,
  );
  return router;
}

afterEach(() => vi.unstubAllGlobals());

describe('AuditPage', () => {
  it('opens filtered by the patient in its address and pages back with the cursor', async () => {
    const queries = fakeServer([
      [200, { events: [auditEvent('2')], next_cursor: 'older' }],
      [
        200,
        {
          events: [auditEvent('1', { action: 'patient.list', patient_id: null, patient_ids: [patientId] })],
          next_cursor: null,
        },
      ],
    ]);
    renderAt(`/audit?patient=${patientId}`);
    const person = userEvent.setup();

    const table = await screen.findByRole('table', { name: /Audit records/ });
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    expect((screen.getByLabelText('Patient id') as HTMLInputElement).value).toBe(patientId);
    await person.click(screen.getByRole('button', { name: 'Load older records' }));
    await within(table).findByText('1 in a list');

    expect(queries).toEqual([{ patient_id: patientId }, { patient_id: patientId, cursor: 'older' }]);
    expect(screen.queryByRole('button', { name: 'Load older records' })).toBeNull();
    expect(screen.getByText('2 records, newest first.')).toBeTruthy();
  });

  it('shows the API’s refusal of a filter next to its field', async () => {
    fakeServer([
      [200, { events: [], next_cursor: null }],
      [400, { error: { code: 'invalid_argument', message: "'patient_id' must be a UUID", request_id: 'r' } }],
    ]);
    const router = renderAt('/audit');
    const person = userEvent.setup();

    await screen.findByText('No records match these filters');
    const field = screen.getByLabelText('Patient id');
    await person.type(field, 'not-an-id');
    await person.click(screen.getByRole('button', { name: 'Apply' }));

    expect(await screen.findByText('Must be a UUID')).toBeTruthy();
    expect(field.getAttribute('aria-invalid')).toBe('true');
    // A refused filter does not reach the address.
    expect(router.state.location.search).toBe('');
  });

  it('puts an applied patient’s id in the address, and no other filter', async () => {
    fakeServer([
      [200, { events: [], next_cursor: null }],
      [200, { events: [auditEvent('1')], next_cursor: null }],
    ]);
    const router = renderAt('/audit');
    const person = userEvent.setup();

    await screen.findByText('No records match these filters');
    await person.type(screen.getByLabelText('Patient id'), patientId);
    await person.type(screen.getByLabelText('Action'), 'patient.');
    await person.click(screen.getByRole('button', { name: 'Apply' }));

    await screen.findByRole('table', { name: /Audit records/ });
    expect(router.state.location.search).toBe(`?patient=${patientId}`);
  });

  const update = { action: 'patient.update', changed_fields: ['given_name'] };

  it('shows an owner the values a change made', async () => {
    const values = { before: { given_name: 'Ada' }, after: { given_name: 'Adaora' } };
    fakeServer([[200, { events: [auditEvent('1', { ...update, ...values })], next_cursor: null }]]);
    renderAt('/audit');
    const person = userEvent.setup();

    const details = await screen.findByRole('button', { name: /^Details\s*of patient.update/ });
    await person.click(details);

    expect(details.getAttribute('aria-expanded')).toBe('true');
    const table = screen.getByRole('table', { name: 'Values before and after' });
    expect(within(table).getByRole('row', { name: /given_name/ }).textContent).toBe('given_nameAdaAdaora');
    expect(screen.getByText('req-1')).toBeTruthy();
  });

  it('tells an admin the values are withheld, naming the fields', async () => {
    fakeServer([[200, { events: [auditEvent('1', { ...update, values_withheld: true })], next_cursor: null }]]);
    renderAt('/audit', 'admin');
    const person = userEvent.setup();

    await person.click(await screen.findByRole('button', { name: /^Details\s*of patient.update/ }));

    expect(screen.getByText('Values withheld for administrators.')).toBeTruthy();
    expect(screen.getByText('given_name')).toBeTruthy();
    expect(screen.queryByRole('table', { name: 'Values before and after' })).toBeNull();
  });

  it('exports the records the applied filters match and saves them under the server’s file name', async () => {
    const csv = 'id,occurred_at,actor_id\n1,2026-11-25T18:02:55Z,u2\n';
    const filename = 'consilium-audit-20261125T180255Z.csv';
    const exported = new Response(csv, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${filename}"`,
      },
    });
    const queries = fakeServer([[200, { events: [auditEvent('1')], next_cursor: null }]], exported);
    URL.createObjectURL ??= () => '';
    URL.revokeObjectURL ??= () => {};
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:audit');
    const saved: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(`${this.download} ${this.href}`);
    });
    renderAt(`/audit?patient=${patientId}`);
    const person = userEvent.setup();

    await screen.findByRole('table', { name: /Audit records/ });
    await person.click(screen.getByRole('button', { name: 'Export CSV' }));

    expect(await screen.findByText(`Downloaded ${filename} (${csv.length} bytes).`)).toBeTruthy();
    expect(saved).toEqual([`${filename} blob:audit`]);
    expect(queries.at(-1)).toEqual({ patient_id: patientId, format: 'csv' });
  });

  it('offers the export once filters are applied, and says why an export failed', async () => {
    const refused = new Response(
      JSON.stringify({ error: { code: 'permission_denied', message: 'not allowed', request_id: 'r' } }),
      {
        status: 403,
        headers: { 'Content-Type': 'application/json' },
      },
    );
    fakeServer([[200, { events: [], next_cursor: null }]], refused);
    renderAt('/audit');
    const person = userEvent.setup();

    const fhir = screen.getByRole('button', { name: 'Export FHIR' }) as HTMLButtonElement;
    expect(fhir.disabled).toBe(true);
    await screen.findByText('No records match these filters');
    await person.click(fhir);

    expect((await screen.findByRole('alert')).textContent).toBe('Not allowed');
  });
});
