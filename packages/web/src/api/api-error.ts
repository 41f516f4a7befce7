/**
 * @module api-error
 * The one error type of the web UI's API client: every failure — network, HTTP, server — becomes an
 * `ApiError` whose `message` is fit to show a person.
 */

/** Where a query syntax error points (from `VIGIL_ERR_QUERY_SYNTAX` details). */
export interface QueryErrorLocation {
  position: number;
  line: number;
  column: number;
}

/** Client-side codes for failures the server never answered. */
export type ClientErrorCode = 'VIGIL_UI_NETWORK' | 'VIGIL_UI_BAD_RESPONSE' | 'VIGIL_UI_HTTP';

/** An API failure with a readable message, the HTTP status (0 when the server was unreachable) and a stable code. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details?: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** The location of a query syntax error, or null when this is another error. */
  get queryLocation(): QueryErrorLocation | null {
    if (this.code !== 'VIGIL_ERR_QUERY_SYNTAX') return null;
    return readLocation(this.details);
  }
}

/** Reads `{position, line, column}` from error details, tolerating partial shapes. */
function readLocation(details: unknown): QueryErrorLocation | null {
  if (typeof details !== 'object' || details === null) return null;
  const d = details as Record<string, unknown>;
  const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  const position = num(d.position);
  const column = num(d.column) ?? (position !== undefined ? position + 1 : undefined);
  if (column === undefined) return null;
  return { position: position ?? column - 1, line: num(d.line) ?? 1, column };
}

/** Readable messages for HTTP statuses when the server sent no JSON error body. */
const STATUS_MESSAGES: Record<number, string> = {
  400: 'The server rejected the request as malformed.',
  401: 'Your session has expired. Please sign in again.',
  403: 'You are not allowed to do this.',
  404: 'The requested resource was not found.',
  408: 'The server timed out waiting for the request.',
  413: 'The request is too large.',
  429: 'Too many requests. Please wait a moment and try again.',
  500: 'The server hit an internal error.',
  502: 'The server is unreachable behind its proxy (502 Bad Gateway).',
  503: 'The server is temporarily unavailable. It may be starting up or shutting down.',
  504: 'The server took too long to answer (504 Gateway Timeout).',
};

/** A readable message for an HTTP status without a JSON error body. */
export function statusMessage(status: number, statusText?: string): string {
  return STATUS_MESSAGES[status] ?? `The server answered ${status}${statusText ? ` ${statusText}` : ''}.`;
}

/** The message to show a person for any thrown value. */
export function readableMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error && err.message) return err.message;
  if (typeof err === 'string' && err) return err;
  return 'Something went wrong.';
}
