/**
 * @module @vigil/core
 * The pure domain: event model, parsers, query language, rule engine. No I/O; clock and ids are injected.
 */
export {};
