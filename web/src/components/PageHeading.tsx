import { useEffect, type ReactNode } from 'react';
import './PageHeading.css';

export const kAppName = 'Consilium';

interface PageHeadingProps {
  title: string;
  /** The browser tab's name when it must differ from the h1: tab names go into the browser's history, patient names must not. */
  documentTitle?: string;
  children?: ReactNode;
}

/**
 * The page's one h1. It names the browser tab too, and takes focus after navigation (see
 * useFocusOnNavigation), so it is focusable by script but not in the tab order.
 */
export function PageHeading({ title, documentTitle = title, children }: PageHeadingProps) {
  useEffect(() => {
    document.title = `${documentTitle} – ${kAppName}`;
  }, [documentTitle]);
  return (
    <div className="page-heading">
      <h1 tabIndex={-1}>{title}</h1>
      {children && <div className="page-heading__actions">{children}</div>}
    </div>
  );
}
