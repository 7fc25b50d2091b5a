import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router-dom';

/**
 * After a navigation (not the first page load), move focus to the new page's h1 so keyboard and screen
 * reader users start at the top of what changed. Child effects run first, so the heading is in place.
 */
export function useFocusOnNavigation(container: React.RefObject<HTMLElement | null>) {
  const { pathname } = useLocation();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    container.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [pathname, container]);
}
