/**
 * @module @vigil/server
 * The I/O shell: listeners, storage, bus, HTTP API, workers and the CLI.
 */
export {};
