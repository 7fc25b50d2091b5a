import type { Feature } from '../../app/feature';
import { SignInPage } from './SignInPage';

export const signInFeature: Feature = {
  publicRoutes: [{ path: 'sign-in', element: <SignInPage /> }],
};
