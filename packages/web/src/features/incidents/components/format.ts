/**
 * Colours and labels of incident and finding statuses.
 */
import type { FindingStatus, IncidentStatus } from '@vigil/contracts';

/** Mantine colour per incident status. */
export const STATUS_COLORS: Record<IncidentStatus, string> = { open: 'red', investigating: 'orange', contained: 'blue', resolved: 'green' };

/** Mantine colour per finding status. */
export const FINDING_COLORS: Record<FindingStatus, string> = { open: 'orange', fixed: 'green', ignored: 'gray' };
