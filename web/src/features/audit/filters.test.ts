import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  actionFilter,
  addressFor,
  auditQuery,
  checkFilters,
  emptyFilters,
  filtersFromAddress,
  localToUtc,
} from './filters';

const patientId = '0b7f3c1e-2a4d-4e8f-9c6b-5d1a2e3f4a5b';
const actorId = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

// datetime-local values are the browser's local time: pin a zone with summer time to see them turned into UTC.
beforeAll(() => {
  vi.stubEnv('TZ', 'Europe/Paris');
});
afterAll(() => {
  vi.unstubAllEnvs();
});

describe('localToUtc', () => {
  it('turns local time into RFC 3339 UTC, summer and winter', () => {
    expect(localToUtc('2026-07-01T12:00')).toBe('2026-07-01T10:00:00Z');
    expect(localToUtc('2026-11-25T18:02')).toBe('2026-11-25T17:02:00Z');
    expect(localToUtc('2026-11-25T18:02:55')).toBe('2026-11-25T17:02:55Z');
  });

  it('refuses what is not a date and a time', () => {
    expect(localToUtc('2026-11-25')).toBeNull();
    expect(localToUtc('yesterday')).toBeNull();
    expect(localToUtc('2026-13-45T99:00')).toBeNull();
  });
});

describe('actionFilter', () => {
  it('keeps an exact action or a prefix ending in a dot, in the API’s case', () => {
    expect(actionFilter(' Patient.Read ')).toBe('patient.read');
    expect(actionFilter('patient.')).toBe('patient.');
  });

  it('takes a trailing star as the prefix', () => {
    expect(actionFilter('patient.*')).toBe('patient.');
  });
});

describe('checkFilters', () => {
  it('accepts empty filters and well-formed ones', () => {
    expect(checkFilters(emptyFilters)).toEqual({});
    expect(
      checkFilters({ ...emptyFilters, action: 'patient.', from: '2026-11-01T00:00', to: '2026-11-02T00:00' }),
    ).toEqual({});
    expect(checkFilters({ ...emptyFilters, action: 'session' })).toEqual({});
  });

  it('explains an action that is neither a name nor a prefix ending in a dot', () => {
    for (const action of ['patient..read', '.read', 'patient read', 'patient.*.read', 'plan2.read']) {
      expect(checkFilters({ ...emptyFilters, action }).action).toMatch(/ending in a dot/);
    }
  });

  it('wants the end of the range after its start', () => {
    const problems = checkFilters({ ...emptyFilters, from: '2026-11-02T00:00', to: '2026-11-02T00:00' });
    expect(problems).toEqual({ to: 'Must be later than the start.' });
  });

  it('explains a time the browser did not make a date and time of', () => {
    expect(checkFilters({ ...emptyFilters, from: 'soon' })).toEqual({ from: 'Enter a date and a time.' });
  });
});

describe('auditQuery', () => {
  it('sends only the filters filled in', () => {
    expect(auditQuery(emptyFilters)).toEqual({});
    expect(auditQuery({ ...emptyFilters, patient_id: `  ${patientId.toUpperCase()} ` })).toEqual({
      patient_id: patientId,
    });
  });

  it('sends every filter as the API names it, times in UTC and the action prefix as typed', () => {
    expect(
      auditQuery({
        patient_id: patientId,
        actor_id: actorId,
        action: 'Patient.*',
        resource_type: ' Patient ',
        outcome: 'denied',
        from: '2026-11-25T09:00',
        to: '2026-11-25T18:30',
      }),
    ).toEqual({
      patient_id: patientId,
      actor_id: actorId,
      action: 'patient.',
      resource_type: 'patient',
      outcome: 'denied',
      from: '2026-11-25T08:00:00Z',
      to: '2026-11-25T17:30:00Z',
    });
  });
});

describe('the address', () => {
  it('opens the screen filtered by the patient it names, and by nothing else', () => {
    const address = new URLSearchParams({ patient: patientId, action: 'patient.read', outcome: 'denied' });
    expect(filtersFromAddress(address)).toEqual({ ...emptyFilters, patient_id: patientId });
    expect(filtersFromAddress(new URLSearchParams())).toEqual(emptyFilters);
  });

  it('carries the applied patient’s id and no other filter', () => {
    const filters = { ...emptyFilters, patient_id: patientId, action: 'patient.read', from: '2026-11-25T09:00' };
    expect(addressFor(filters).toString()).toBe(`patient=${patientId}`);
    expect(addressFor({ ...emptyFilters, action: 'patient.read' }).toString()).toBe('');
  });
});
