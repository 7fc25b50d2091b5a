import { createBrowserRouter, type RouteObject } from 'react-router-dom';
import { features } from './features';
import { HomeRedirect } from './HomeRedirect';
import { Layout } from './Layout';
import { NotFoundPage } from './NotFoundPage';
import { RequireSignedIn } from './RequireSignedIn';

export const appRoutes: RouteObject[] = [
  ...features.flatMap((feature) => feature.publicRoutes ?? []),
  {
    element: <RequireSignedIn />,
    children: [
      {
        element: <Layout />,
        children: [
          { index: true, element: <HomeRedirect /> },
          ...features.flatMap((feature) => feature.routes ?? []),
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(appRoutes);
}
