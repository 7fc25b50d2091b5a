import { lazyPage, type Feature } from '../../app/feature';

export const accountFeature: Feature = {
  routes: [{ path: 'account', lazy: lazyPage(() => import('./AccountPage'), 'AccountPage') }],
};
