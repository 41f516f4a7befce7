/**
 * @module detection/rule-source
 * Where the detector gets its rules: every tenant's stored rules plus the built-in pack, and a change
 * notification so a new or edited rule reaches the running engine within a second.
 */
import type { RuleDoc } from '@vigil/contracts';

/** A rule as stored for one tenant. */
export interface StoredRule {
  tenantId: string;
  doc: RuleDoc;
  version: number;
  builtin: boolean;
}

/** The rules the detector runs. */
export interface RuleSource {
  /** Every enabled and disabled rule of every tenant (the engine skips disabled ones). */
  all(): Promise<StoredRule[]>;
  /** Called after any change; answers the unsubscribe function. */
  onChange(listener: () => void): () => void;
}
