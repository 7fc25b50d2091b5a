import { useRef } from 'react';
import { Outlet } from 'react-router-dom';
import { Header } from './Header';
import './Layout.css';
import { Nav } from './Nav';
import { useFocusOnNavigation } from './useFocusOnNavigation';

export function Layout() {
  const main = useRef<HTMLElement>(null);
  useFocusOnNavigation(main);
  return (
    <div className="layout">
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <Header />
      <div className="layout__body">
        <Nav />
        <main id="main" className="layout__main" ref={main} tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </div>
  );
}
