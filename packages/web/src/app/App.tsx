/**
 * The root component: providers (Mantine, React Query, router, notifications), the auth gate and
 * the routes of every registered feature.
 */
import { MantineProvider, localStorageColorSchemeManager } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { theme } from './theme.ts';
import { AppLayout } from './AppLayout.tsx';
import { AuthGate } from '../features/auth/index.ts';
import { FEATURES } from '../features/index.ts';
import { ErrorBoundary } from '../components/ErrorBoundary.tsx';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: { refetchOnWindowFocus: false, staleTime: 5_000 },
    mutations: { retry: false },
  },
});

const colorSchemeManager = localStorageColorSchemeManager({ key: 'vigil-color-scheme' });

export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto" colorSchemeManager={colorSchemeManager}>
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <ErrorBoundary>
            <AuthGate>
              <AppLayout features={FEATURES}>
                <Routes>
                  {FEATURES.map((f) => (
                    <Route key={f.id} path={f.path === '' ? '/' : `/${f.path}`} element={<ErrorBoundary><f.page /></ErrorBoundary>} />
                  ))}
                  <Route path="*" element={<Navigate to="/" replace />} />
                </Routes>
              </AppLayout>
            </AuthGate>
          </ErrorBoundary>
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}
