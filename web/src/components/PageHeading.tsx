import { useEffect, type ReactNode } from 'react';
import './PageHeading.css';

export const kAppName = 'Consilium';

/**
 * The page's one h1. It names the browser tab too, and takes focus after navigation (see
 * useFocusOnNavigation), so it is focusable by script but not in the tab order.
 */
export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} – ${kAppName}`;
  }, [title]);
  return (
    <div className="page-heading">
      <h1 tabIndex={-1}>{title}</h1>
      {children && <div className="page-heading__actions">{children}</div>}
    </div>
  );
}
