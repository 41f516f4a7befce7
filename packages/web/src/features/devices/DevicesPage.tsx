/**
 * SNMP devices: the list at /devices, one device at /devices/:id. Viewers read; admins add and edit.
 */
import { useParams } from 'react-router';
import { isAdminRole, useCurrentUser } from '../auth/index.ts';
import { DeviceList } from './components/DeviceList.tsx';
import { DeviceDetail } from './components/DeviceDetail.tsx';

/** The devices page: list or one device by the URL. */
export function DevicesPage() {
  const user = useCurrentUser();
  const id = useParams()['*'];
  return id ? <DeviceDetail id={id} /> : <DeviceList canWrite={isAdminRole(user.role)} />;
}
