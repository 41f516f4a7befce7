/**
 * The audit log page (admins; the navigation hides it from other roles and the API refuses them).
 */
import { AuditLogTable } from './components/AuditLogTable.tsx';

/** The audit log page. */
export function AuditPage() {
  return <AuditLogTable />;
}
