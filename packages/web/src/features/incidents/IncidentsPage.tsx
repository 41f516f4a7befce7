/**
 * Incidents: the list at /incidents, one incident at /incidents/:id. Viewers read; analysts and
 * admins change them. Live updates come from the `incidents` stream topic.
 */
import { useParams } from 'react-router';
import { useCurrentUser } from '../auth/index.ts';
import { IncidentList } from './components/IncidentList.tsx';
import { IncidentDetail } from './components/IncidentDetail.tsx';
import { useIncidentStream } from './hooks/useIncidentStream.ts';

/** The incidents page: list or one incident by the URL. */
export function IncidentsPage() {
  const user = useCurrentUser();
  const id = useParams()['*'];
  useIncidentStream();
  const canWrite = user.role !== 'viewer';
  return id ? <IncidentDetail key={id} id={id} canWrite={canWrite} /> : <IncidentList canWrite={canWrite} />;
}
