import { useEffect, useRef, useState } from 'react';
import { apiErrorMessage } from '../../../api/errors';
import { Button } from '../../../components/Button';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { FormError } from '../../../components/FormError';
import { movePlan } from './api';
import { planStateLabels, transitionLabels, type Plan, type PlanState } from './plan-model';

interface PlanActionsProps {
  plan: Plan;
  /** The viewer may move plans between states. */
  canMove: boolean;
  canEdit: boolean;
  onEdit(): void;
  onMoved(plan: Plan, status: string): void;
  /** The plan changed elsewhere (a move was refused as out of date): read it again. */
  onStale(): void;
}

// These two cannot be undone: ask first.
const confirmations: Partial<Record<PlanState, string>> = {
  completed:
    'A completed plan can then be changed only by its responsible clinician, and only for the clinic’s edit window. After that, corrections are addenda.',
  stopped: 'A stopped plan is read-only at once; corrections are addenda.',
};

/** The state changes the plan allows now (as the server lists them) and the edit button. */
export function PlanActions({ plan, canMove, canEdit, onEdit, onMoved, onStale }: PlanActionsProps) {
  const [busy, setBusy] = useState<PlanState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<PlanState | null>(null);
  const [moves, setMoves] = useState(0);
  const buttonsRef = useRef<HTMLDivElement>(null);

  // The button just used may be gone after a move: keep keyboard focus among the plan's actions.
  useEffect(() => {
    if (moves > 0) buttonsRef.current?.querySelector('button')?.focus();
  }, [moves]);

  async function move(to: PlanState) {
    setBusy(to);
    setError(null);
    try {
      const moved = await movePlan(plan.id, to);
      onMoved(moved, `The plan is now ${planStateLabels[moved.state].toLowerCase()}.`);
      setMoves((n) => n + 1);
    } catch (err) {
      setError(apiErrorMessage(err));
      onStale();
    } finally {
      setBusy(null);
    }
  }

  const allowed = canMove ? plan.allowed_transitions : [];
  if (allowed.length === 0 && !canEdit && !error) return null;
  const confirmation = confirming && confirmations[confirming];
  return (
    <div className="plan-actions">
      <FormError message={error} />
      <div className="plan-actions__buttons" ref={buttonsRef}>
        {canEdit && (
          <Button variant="primary" onClick={onEdit}>
            Edit the plan
          </Button>
        )}
        {allowed.map((to) => (
          <Button
            key={to}
            variant={to === 'stopped' ? 'danger' : 'secondary'}
            busy={busy === to}
            onClick={() => (confirmations[to] ? setConfirming(to) : move(to))}
          >
            {transitionLabels[to]}
          </Button>
        ))}
      </div>
      {confirming && confirmation && (
        <ConfirmDialog
          title={`${transitionLabels[confirming]} the plan?`}
          confirmLabel={transitionLabels[confirming]}
          danger={confirming === 'stopped'}
          onConfirm={async () => {
            setConfirming(null);
            await move(confirming);
          }}
          onClose={() => setConfirming(null)}
        >
          <p>{confirmation}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
