/**
 * Hosts: the fleet at /hosts, one host at /hosts/:id. Viewers read; admins add, revoke and delete.
 */
import { useParams } from 'react-router';
import { isAdminRole, useCurrentUser } from '../auth/index.ts';
import { HostList } from './components/HostList.tsx';
import { HostDetail } from './components/HostDetail.tsx';

/** The hosts page: list or one host by the URL. */
export function HostsPage() {
  const user = useCurrentUser();
  const id = useParams()['*'];
  const admin = isAdminRole(user.role);
  return id ? <HostDetail id={id} canAdmin={admin} /> : <HostList canAdmin={admin} />;
}
