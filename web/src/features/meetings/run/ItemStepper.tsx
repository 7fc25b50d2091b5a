import { useRef } from 'react';
import { Button } from '../../../components/Button';
import { patientName } from '../../../lib/format';
import type { AgendaEntry } from '../types';

interface ItemStepperProps {
  agenda: AgendaEntry[];
  /** 0-based */
  index: number;
  onGo(index: number): void;
}

/**
 * Previous / next through the approved agenda, and a jump list. Focus stays on the control used (the new
 * item is announced), except at either end, where the other button takes it.
 */
export function ItemStepper({ agenda, index, onGo }: ItemStepperProps) {
  const nav = useRef<HTMLElement>(null);
  const current = agenda[index];

  function step(offset: -1 | 1) {
    const target = index + offset;
    onGo(target);
    const focus = (which: string) => nav.current?.querySelector<HTMLButtonElement>(`[data-step="${which}"]`)?.focus();
    if (target === 0) focus('next');
    if (target === agenda.length - 1) focus('previous');
  }

  return (
    <nav className="run__stepper" aria-label="Agenda items" ref={nav}>
      <Button data-step="previous" onClick={() => step(-1)} disabled={index === 0}>
        Previous item
      </Button>
      <p className="run__position" aria-live="polite">
        Item {index + 1} of {agenda.length}
        {current && <span className="visually-hidden">: {patientName(current.patient)}</span>}
      </p>
      <Button data-step="next" variant="primary" onClick={() => step(1)} disabled={index === agenda.length - 1}>
        Next item
      </Button>
      <div className="field run__jump">
        <label htmlFor="run-jump">Go to item</label>
        <select id="run-jump" value={index} onChange={(event) => onGo(Number(event.target.value))}>
          {agenda.map((item, i) => (
            <option key={item.id} value={i}>
              {i + 1}. {patientName(item.patient)}
            </option>
          ))}
        </select>
      </div>
    </nav>
  );
}
