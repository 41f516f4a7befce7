/**
 * @module notify/escalation
 * Escalation policies: ordered steps, each "wait this long after the previous step (the first: after
 * the alert was routed), then notify these receivers", climbed again `repeat` times after the last.
 * The one decision is pure: given when the climb started and how many steps have fired, when is the
 * next step and who does it notify. Acknowledging or resolving the alert ends the climb (the
 * dispatcher drops it).
 */
import { parseDuration, DURATION_HINT, ESCALATION_LIMITS } from '@vigil/contracts';
import { ConfigProblems, problemPath } from './config-problems.ts';

/** An escalation policy as stored. */
export interface EscalationPolicySpec {
  id: string;
  name: string;
  steps: { wait: string; receivers: string[] }[];
  repeat?: number;
}

/** A compiled policy: step waits in ms, and the time from start to the end of each step. */
export interface CompiledEscalationPolicy {
  id: string;
  steps: { waitMs: number; receivers: string[] }[];
  repeat: number;
  /** `offsets[i]`: ms from the start of a round to step i. */
  offsets: number[];
  /** Length of one round (the sum of the waits). */
  cycleMs: number;
}

/** The next step of a climb. */
export interface EscalationStepDue {
  /** Steps fired before this one (its overall index). */
  index: number;
  /** The step within the policy, 0-based. */
  step: number;
  /** The round, 0 = first climb. */
  round: number;
  /** When it is due (epoch ms). */
  at: number;
  receivers: string[];
}

/** Validates and compiles a policy, collecting problems; `receivers` (when given) are the known channel ids. */
export function compileEscalationPolicy(spec: EscalationPolicySpec, problems = new ConfigProblems(), path = '', receivers?: ReadonlySet<string>): CompiledEscalationPolicy {
  const steps: CompiledEscalationPolicy['steps'] = [];
  if (!Array.isArray(spec.steps) || !spec.steps.length) problems.add(problemPath(path, 'steps'), 'needs at least one step');
  (Array.isArray(spec.steps) ? spec.steps : []).forEach((s, i) => {
    const at = problemPath(problemPath(path, 'steps'), i);
    const waitMs = typeof s?.wait === 'string' ? parseDuration(s.wait) : null;
    if (waitMs === null) problems.add(problemPath(at, 'wait'), `"${String(s?.wait)}" is not ${DURATION_HINT}`);
    else if (waitMs < 1000 && !(i === 0 && waitMs === 0)) problems.add(problemPath(at, 'wait'), 'must be at least 1s (only the first step may wait 0s)');
    if (!Array.isArray(s?.receivers) || !s.receivers.length) problems.add(problemPath(at, 'receivers'), 'needs at least one channel id');
    (s?.receivers ?? []).forEach((r, j) => {
      if (receivers && !receivers.has(r)) problems.add(problemPath(problemPath(at, 'receivers'), j), `no channel with id "${r}"`);
    });
    steps.push({ waitMs: waitMs ?? 0, receivers: [...(s?.receivers ?? [])] });
  });
  const repeat = spec.repeat ?? 0;
  if (!Number.isInteger(repeat) || repeat < 0 || repeat > ESCALATION_LIMITS.maxRepeat) problems.add(problemPath(path, 'repeat'), `must be an integer from 0 to ${ESCALATION_LIMITS.maxRepeat}`);
  const offsets: number[] = [];
  let sum = 0;
  for (const s of steps) offsets.push((sum += s.waitMs));
  return { id: spec.id, steps, repeat, offsets, cycleMs: Math.max(sum, 1000) };
}

/** The step after `fired` steps of a climb that started at `startedAt`, or null when the policy is exhausted. */
export function nextEscalationStep(policy: CompiledEscalationPolicy, startedAt: number, fired: number): EscalationStepDue | null {
  const n = policy.steps.length;
  if (!n || fired >= n * (policy.repeat + 1)) return null;
  const round = Math.floor(fired / n);
  const step = fired % n;
  return { index: fired, step, round, at: startedAt + round * policy.cycleMs + policy.offsets[step]!, receivers: policy.steps[step]!.receivers };
}
