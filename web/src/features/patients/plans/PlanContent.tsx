import { formatDate } from '../model';
import type { PlanVersion } from './plan-model';

/** A plan's goals and steps, read-only: the current version or any earlier one. */
export function PlanContent({ plan }: { plan: Pick<PlanVersion, 'goals' | 'steps'> }) {
  return (
    <div className="plan-content">
      <h3>Goals</h3>
      <p className="plan-content__goals">{plan.goals}</p>
      <h3>Steps</h3>
      {plan.steps.length === 0 ? (
        <p>No steps recorded.</p>
      ) : (
        <ol className="plan-content__steps">
          {plan.steps.map((step, index) => (
            <li key={index}>
              {step.description}
              {step.due_date && <span className="plan-content__due"> (due {formatDate(step.due_date)})</span>}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
