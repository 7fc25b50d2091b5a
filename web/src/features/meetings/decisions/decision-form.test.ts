import { describe, expect, it } from 'vitest';
import type { Decision } from '../types';
import { checkDecision, decisionBody, decisionValues } from './decision-form';

const signed: Decision = {
  agenda_item_id: 'i1',
  version: 1,
  outcome: 'surgery',
  outcome_detail: '',
  rationale: 'Resectable.',
  resolution: 'resolved',
  trial_considered: true,
  trial_name: 'LungCare-3',
  responsible_clinician_id: 'doc',
  present: ['org', 'doc'],
  quorate: true,
  signed_by: 'org',
  signed_at: '2031-03-10T09:00:00Z',
};

describe('decisionValues', () => {
  it('starts a new decision empty, with the default clinician', () => {
    expect(decisionValues(null, 'me')).toMatchObject({
      outcome: '',
      resolution: 'resolved',
      trial_considered: false,
      responsible_clinician_id: 'me',
    });
  });

  it('starts a change from the latest version, without a reason', () => {
    expect(decisionValues(signed, 'me')).toMatchObject({
      outcome: 'surgery',
      trial_name: 'LungCare-3',
      responsible_clinician_id: 'doc',
      reason: '',
    });
  });
});

describe('checkDecision', () => {
  it('asks for what the API requires', () => {
    expect(Object.keys(checkDecision(decisionValues(null, ''), false))).toEqual([
      'outcome',
      'rationale',
      'responsible_clinician_id',
    ]);
    expect(checkDecision({ ...decisionValues(signed, ''), outcome: 'other' }, false)).toEqual({
      outcome_detail: 'Describe the outcome.',
    });
  });

  it('needs a reason to change a signed decision', () => {
    expect(checkDecision(decisionValues(signed, ''), true)).toEqual({ reason: 'Say why the signed decision changes.' });
    expect(checkDecision({ ...decisionValues(signed, ''), reason: 'Pathology review' }, true)).toEqual({});
  });
});

describe('decisionBody', () => {
  it('sends the trial name only when a trial was considered', () => {
    const values = { ...decisionValues(signed, ''), trial_considered: false };
    expect(decisionBody(values, false)).toEqual({
      outcome: 'surgery',
      rationale: 'Resectable.',
      resolution: 'resolved',
      trial_considered: false,
      responsible_clinician_id: 'doc',
    });
  });

  it('sends the reason for a new version of a signed decision', () => {
    const body = decisionBody(
      { ...decisionValues(signed, ''), outcome: 'other', outcome_detail: ' Proton therapy ', reason: ' Review ' },
      true,
    );
    expect(body).toMatchObject({
      outcome: 'other',
      outcome_detail: 'Proton therapy',
      trial_name: 'LungCare-3',
      reason: 'Review',
    });
  });
});
