import { useState } from 'react';
import { RouterProvider } from 'react-router-dom';
import { AuthProvider } from '../auth/AuthProvider';
import { createAppRouter } from './router';

export function App() {
  const [router] = useState(createAppRouter);
  return (
    <AuthProvider>
      <RouterProvider router={router} />
    </AuthProvider>
  );
}
