/**
 * @module errors
 * The error catalogue: every error Vigil reports carries one of these stable codes.
 *
 * The HTTP layer maps a code to its status here and nowhere else.
 */

/** Every stable error code with its HTTP status and a default message. */
export const ERRORS = {
  VIGIL_ERR_BAD_REQUEST: { status: 400, message: 'The request is malformed.' },
  VIGIL_ERR_VALIDATION: { status: 400, message: 'The request did not pass validation.' },
  VIGIL_ERR_MALFORMED_BODY: { status: 400, message: 'The body could not be parsed.' },
  VIGIL_ERR_QUERY_SYNTAX: { status: 400, message: 'The query has a syntax error.' },
  VIGIL_ERR_QUERY_TOO_COMPLEX: { status: 400, message: 'The query has too many conditions or nests too deeply.' },
  VIGIL_ERR_QUERY_TIMEOUT: { status: 503, message: 'The search ran out of its time budget; narrow the time range or simplify the query.' },
  VIGIL_ERR_BAD_TIME: { status: 400, message: 'The time value is not valid.' },
  VIGIL_ERR_BAD_CURSOR: { status: 400, message: 'The cursor is not valid.' },
  VIGIL_ERR_UNAUTHENTICATED: { status: 401, message: 'Authentication is required.' },
  VIGIL_ERR_BAD_CREDENTIALS: { status: 401, message: 'Wrong username or password.' },
  VIGIL_ERR_BAD_API_KEY: { status: 401, message: 'The API key is missing, wrong, expired or revoked.' },
  VIGIL_ERR_CSRF: { status: 403, message: 'The X-CSRF-Token header is missing or wrong.' },
  VIGIL_ERR_FORBIDDEN: { status: 403, message: 'You are not allowed to do this.' },
  VIGIL_ERR_MISSING_SCOPE: { status: 403, message: 'The API key lacks the scope this needs.' },
  VIGIL_ERR_PASSWORD_CHANGE_REQUIRED: { status: 403, message: 'Change your password before continuing.' },
  VIGIL_ERR_NOT_FOUND: { status: 404, message: 'Not found.' },
  VIGIL_ERR_CONFLICT: { status: 409, message: 'It already exists.' },
  VIGIL_ERR_PAYLOAD_TOO_LARGE: { status: 413, message: 'The body is too large.' },
  VIGIL_ERR_UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'The content type is not supported.' },
  VIGIL_ERR_HEADERS_TOO_LARGE: { status: 431, message: 'The URL and headers exceed 16 KB.' },
  VIGIL_ERR_RATE_LIMITED: { status: 429, message: 'Too many requests; retry later.' },
  VIGIL_ERR_TOO_MANY_STREAMS: { status: 429, message: 'Too many open live streams for this user or key; close one first.' },
  VIGIL_ERR_LOCKED_OUT: { status: 429, message: 'Too many failed logins; wait before trying again.' },
  VIGIL_ERR_QUOTA_EXCEEDED: { status: 429, message: "The tenant reached its daily event quota; ingest resumes at 00:00 UTC." },
  VIGIL_ERR_INTERNAL: { status: 500, message: 'Internal error.' },
  VIGIL_ERR_UNAVAILABLE: { status: 503, message: 'A dependency is unavailable.' },
  VIGIL_ERR_SHUTTING_DOWN: { status: 503, message: 'The server is shutting down.' },
  VIGIL_ERR_CONFIG: { status: 500, message: 'The configuration is invalid.' },
  VIGIL_ERR_SECRET_KEY: { status: 500, message: 'A stored secret cannot be decrypted with the current secret key; restore the key it was sealed with or enter the secret again.' },
  VIGIL_ERR_MIGRATIONS_PENDING: { status: 500, message: 'Database migrations are pending.' },
  VIGIL_ERR_EVENT_INVALID: { status: 400, message: 'The event is invalid.' },
  VIGIL_ERR_PARSE: { status: 400, message: 'The line could not be parsed.' },
  VIGIL_ERR_MIB_SYNTAX: { status: 400, message: 'The MIB file could not be compiled.' },
  VIGIL_ERR_SIGMA_INVALID: { status: 400, message: 'The Sigma rule is not valid.' },
  VIGIL_ERR_SIGMA_UNSUPPORTED: { status: 422, message: 'The Sigma rule uses something Vigil cannot run.' },
  VIGIL_ERR_OUTBOUND_BLOCKED: { status: 400, message: 'The channel’s address is private, loopback or link-local; the channel must set allow_private to reach it.' },
  VIGIL_ERR_RULE_INVALID: { status: 400, message: 'The detection rule is invalid.' },
  VIGIL_ERR_BAD_ENROLLMENT_TOKEN: { status: 401, message: 'The enrollment token is unknown, expired, used up or revoked; mint a new one (vigil agents token create).' },
  VIGIL_ERR_BAD_AGENT_CREDENTIAL: { status: 401, message: 'The host credential is missing, malformed or wrong.' },
  VIGIL_ERR_AGENT_REVOKED: { status: 401, message: 'This host was revoked: the agent must stop. Re-enroll with a new token to monitor it again.' },
  VIGIL_ERR_CLOCK_SKEW: { status: 400, message: "The agent's clock is too far from the server's; fix the host's time (NTP)." },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** The JSON body of every error response. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

/** A typed, coded error. `details` carries locations (line, column, index) where there are any. */
export class VigilError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message?: string, details?: unknown) {
    super(message ?? ERRORS[code].message);
    this.name = 'VigilError';
    this.code = code;
    this.details = details;
  }

  /** The HTTP status this error maps to. */
  get status(): number {
    return ERRORS[this.code].status;
  }

  /** The error as its JSON response body. */
  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}

/** True when the value is a VigilError (also across module copies). */
export function isVigilError(err: unknown): err is VigilError {
  return err instanceof VigilError || (typeof err === 'object' && err !== null && (err as { name?: string }).name === 'VigilError' && 'code' in err);
}
