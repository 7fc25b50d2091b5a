import { useEffect, useRef, useState } from 'react';
import { apiErrorMessage } from '../../../api/errors';
import { EmptyState } from '../../../components/EmptyState';
import { FormError } from '../../../components/FormError';
import { Loading } from '../../../components/Loading';
import { Section } from '../../../components/Section';
import { StatusMessage } from '../../../components/StatusMessage';
import { patientName } from '../../../lib/format';
import { AgendaItemFiles } from '../../files/AgendaItemFiles';
import { DecisionView } from '../decisions/DecisionView';
import { orderAgenda } from '../meetings-api';
import { ProformaFacts } from '../ProformaFacts';
import type { AgendaEntry, Decision } from '../types';
import { AgendaMoveButtons } from './AgendaMoveButtons';
import { moveBy, moveOnto } from './reorder';

interface AgendaSectionProps {
  meetingId: string;
  agenda: AgendaEntry[] | undefined;
  error: unknown;
  /** The organiser, while the agenda may still change. */
  mayReorder: boolean;
  onReordered(agenda: AgendaEntry[]): void;
  decisions?: Map<string, Decision | null>;
  nameOf(userId: string | null | undefined): string;
}

/** The approved agenda in order; the organiser moves items with buttons (or by dragging). */
export function AgendaSection({
  meetingId,
  agenda,
  error,
  mayReorder,
  onReordered,
  decisions,
  nameOf,
}: AgendaSectionProps) {
  const [saving, setSaving] = useState(false);
  const [orderError, setOrderError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [dragged, setDragged] = useState<string | null>(null);
  const [moved, setMoved] = useState<{ id: string; direction: 'up' | 'down' } | null>(null);
  const list = useRef<HTMLOListElement>(null);

  // Once the buttons are enabled again, the moved item's button takes focus (the other one if it is at an end).
  useEffect(() => {
    if (!moved || saving) return;
    focusMoveButton(list.current, moved.id, moved.direction);
    setMoved(null);
  }, [moved, saving]);

  async function saveOrder(ids: readonly string[], movedId: string, direction: 'up' | 'down') {
    setSaving(true);
    setOrderError(null);
    try {
      const reordered = await orderAgenda(meetingId, [...ids]);
      onReordered(reordered);
      const position = reordered.findIndex((entry) => entry.id === movedId) + 1;
      const item = reordered[position - 1];
      setStatus(item ? `${patientName(item.patient)} is now item ${position} of ${reordered.length}.` : null);
      setMoved({ id: movedId, direction });
    } catch (err) {
      setOrderError(apiErrorMessage(err));
    } finally {
      setSaving(false);
    }
  }

  function move(index: number, offset: number) {
    if (!agenda) return;
    const ids = agenda.map((item) => item.id);
    const next = moveBy(ids, index, offset);
    if (next !== ids) void saveOrder(next, ids[index] ?? '', offset < 0 ? 'up' : 'down');
  }

  function drop(targetId: string) {
    if (!agenda || !dragged) return;
    const ids = agenda.map((item) => item.id);
    const next = moveOnto(ids, dragged, targetId);
    if (next !== ids) void saveOrder(next, dragged, ids.indexOf(targetId) < ids.indexOf(dragged) ? 'up' : 'down');
    setDragged(null);
  }

  return (
    <Section title="Agenda">
      {agenda === undefined ? (
        error ? (
          <FormError message={apiErrorMessage(error)} />
        ) : (
          <Loading label="Loading the agenda…" />
        )
      ) : agenda.length === 0 ? (
        <EmptyState title="No patients on the agenda yet" />
      ) : (
        <>
          {mayReorder && agenda.length > 1 && (
            <p className="agenda__hint">Use Move up and Move down to change the order, or drag an item onto another.</p>
          )}
          <FormError message={orderError} />
          <ol className="agenda" ref={list}>
            {agenda.map((item, index) => {
              const decision = decisions?.get(item.id);
              return (
                <li
                  key={item.id}
                  data-item-id={item.id}
                  className={dragged === item.id ? 'agenda__item agenda__item--dragged' : 'agenda__item'}
                  draggable={mayReorder && !saving}
                  onDragStart={() => setDragged(item.id)}
                  onDragEnd={() => setDragged(null)}
                  onDragOver={(event) => dragged && event.preventDefault()}
                  onDrop={(event) => {
                    event.preventDefault();
                    drop(item.id);
                  }}
                >
                  <div className="agenda__head">
                    <h3>
                      <span className="agenda__position">{index + 1}.</span> {patientName(item.patient)}
                      {item.late && <span className="tag">Late</span>}
                    </h3>
                    {mayReorder && (
                      <AgendaMoveButtons
                        name={patientName(item.patient)}
                        first={index === 0}
                        last={index === agenda.length - 1}
                        disabled={saving}
                        onMove={(offset) => move(index, offset)}
                      />
                    )}
                  </div>
                  <ProformaFacts item={item} />
                  <AgendaItemFiles
                    meetingId={meetingId}
                    itemId={item.id}
                    patient={patientName(item.patient)}
                    nameOf={nameOf}
                  />
                  {decision && (
                    <div className="agenda__decision">
                      <h4>Decision</h4>
                      <DecisionView decision={decision} nameOf={nameOf} />
                    </div>
                  )}
                </li>
              );
            })}
          </ol>
        </>
      )}
      <StatusMessage message={status} />
    </Section>
  );
}

function focusMoveButton(list: HTMLOListElement | null, itemId: string, direction: 'up' | 'down') {
  const item = list?.querySelector<HTMLElement>(`[data-item-id="${itemId}"]`);
  const wanted = item?.querySelector<HTMLButtonElement>(`[data-move="${direction}"]`);
  const other = item?.querySelector<HTMLButtonElement>(`[data-move="${direction === 'up' ? 'down' : 'up'}"]`);
  (wanted && !wanted.disabled ? wanted : other)?.focus();
}
