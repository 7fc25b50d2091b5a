import { useEffect, useRef, type ReactNode } from 'react';

/** The heading of a sign-in step after the first; it takes focus so the new step is announced. */
export function StepHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <h2 ref={ref} tabIndex={-1} className="sign-in__step">
      {children}
    </h2>
  );
}
