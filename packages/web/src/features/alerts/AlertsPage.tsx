/**
 * The alerts feature's routes: the list at `/alerts`, one alert at `/alerts/:id`.
 */
import { Route, Routes } from 'react-router';
import { AlertListPage } from './AlertListPage.tsx';
import { AlertDetailPage } from './AlertDetailPage.tsx';

export function AlertsPage() {
  return (
    <Routes>
      <Route index element={<AlertListPage />} />
      <Route path=":id" element={<AlertDetailPage />} />
    </Routes>
  );
}
