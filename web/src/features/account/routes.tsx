import type { Feature } from '../../app/feature';
import { AccountPage } from './AccountPage';

export const accountFeature: Feature = {
  routes: [{ path: 'account', element: <AccountPage /> }],
};
