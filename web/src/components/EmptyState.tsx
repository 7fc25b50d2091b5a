import type { ReactNode } from 'react';
import './EmptyState.css';

/** What a list or page shows when there is nothing in it yet, and what to do about it. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <p className="empty-state__title">{title}</p>
      {children}
    </div>
  );
}
