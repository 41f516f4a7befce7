/**
 * @module repos/audit-recorder
 * The audit port services write to: who (name and address) did what to which object, with the object
 * before and after. A service takes an `AuditRecorder` and calls `record` once per change, after the
 * change is durable; `AuditRepo` is the adapter. Objects are passed as the API shows them and are
 * masked again on the way in (core `maskSecrets`), so a secret never reaches the log.
 *
 * @example
 * await this.audit?.record(tenantId, { actor, action: 'silence.create', targetType: 'silence', targetId: s.id, after: s });
 */

/** Who acted: a username or API key name (`cli`, `vigil` for the system), and from where. */
export interface AuditActor {
  name: string;
  ip?: string | null;
}

/** An actor as services receive it: a name, or a principal-like object with the caller's address. */
export type ActorRef = string | AuditActor;

/** The actor's name. */
export function actorName(a: ActorRef): string {
  return typeof a === 'string' ? a : a.name;
}

/** One change for the audit log. */
export interface AuditChange {
  actor: ActorRef;
  /** `<target type>.<verb>`, e.g. `channel.update`, `incident.status`. */
  action: string;
  targetType?: string;
  targetId?: string | null;
  /** The object before the change (omit on create). */
  before?: unknown;
  /** The object after the change (omit on delete). */
  after?: unknown;
  details?: unknown;
  /** Further keys to mask in before/after/details (a channel type's secret fields). */
  secretKeys?: readonly string[];
  /** The caller's address when `actor` is a bare name. */
  ip?: string | null;
}

/** Where services record changes. */
export interface AuditRecorder {
  record(tenantId: string, change: AuditChange): Promise<void>;
}
