/**
 * @module rules
 * Detection rule documents and the signals the engine emits.
 */
export * from './rule-doc.ts';
export * from './signal.ts';
