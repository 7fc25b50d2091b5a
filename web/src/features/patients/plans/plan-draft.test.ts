import { describe, expect, it } from 'vitest';
import { changedFields } from '../shared/three-way';
import { cleanSteps, planDraft, planFields, showSteps, stepsProblem } from './plan-draft';

const version = {
  goals: 'Curative resection',
  start_date: '2027-01-10',
  end_date: null,
  responsible_clinician_id: 'u1',
  steps: [{ description: 'Lobectomy', due_date: '2027-01-15' }, { description: 'Oncology review' }],
};

describe('plan drafts', () => {
  it('edits every part of a step as text', () => {
    expect(planDraft(version).steps).toEqual([
      { description: 'Lobectomy', due_date: '2027-01-15' },
      { description: 'Oncology review', due_date: '' },
    ]);
    expect(planDraft(version).end_date).toBe('');
  });

  it('sends only what changed, an emptied date as null and steps without empty due dates', () => {
    const draft = planDraft(version);
    const changes = changedFields(draft, {
      ...draft,
      start_date: '',
      steps: [{ description: 'Surgery', due_date: '' }],
    });
    expect(planFields(changes)).toEqual({ start_date: null, steps: [{ description: 'Surgery' }] });
  });

  it('drops blank step rows and asks for a description where a date was given', () => {
    const rows = cleanSteps([
      { description: '  ', due_date: '' },
      { description: '', due_date: '2027-02-01' },
    ]);
    expect(rows).toEqual([{ description: '', due_date: '2027-02-01' }]);
    expect(stepsProblem(rows)).toBe('Each step needs a description.');
    expect(stepsProblem([{ description: 'Scan', due_date: '' }])).toBeNull();
  });

  it('shows steps on one line for a comparison', () => {
    expect(showSteps(planDraft(version).steps)).toBe('Lobectomy (by 15 Jan 2027); Oncology review');
    expect(showSteps([])).toBe('(none)');
  });
});
