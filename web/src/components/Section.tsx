import { useId, type ReactNode } from 'react';
import './Section.css';

/** A titled part of a page (h2), as a card. */
export function Section({ title, children }: { title: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {children}
    </section>
  );
}
