/**
 * Dashboards: /dashboards opens the user's home board; /dashboards/:id one board. Loaded lazily so the
 * grid library stays out of the main bundle.
 */
import { Navigate, useParams } from 'react-router';
import { Text } from '@mantine/core';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useCurrentUser } from '../auth/index.ts';
import { useDashboards } from './api/dashboards.ts';
import { BoardView } from './components/BoardView.tsx';

/** The dashboards page. */
export function DashboardsPage() {
  const user = useCurrentUser();
  const id = useParams()['*'];
  const { data, error, refetch } = useDashboards();
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  if (!data) return <Text c="dimmed">Loading…</Text>;
  const target = id || data.homeId || data.dashboards[0]?.id;
  if (!id && target) return <Navigate to={`/dashboards/${encodeURIComponent(target)}`} replace />;
  if (!target) return <Text c="dimmed">No dashboards.</Text>;
  return <BoardView key={target} id={target} list={data} canShare={user.role !== 'viewer'} />;
}
