import type { Feature } from '../../app/feature';
import { ComingSoon } from '../../components/ComingSoon';

export const accountFeature: Feature = {
  routes: [{ path: 'account', element: <ComingSoon title="My account" /> }],
};
