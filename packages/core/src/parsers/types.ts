/**
 * @module parsers/types
 * The parser contract: a parser turns one raw line into flat ECS-named fields, or says "not mine".
 */
import type { FieldValue } from '@vigil/contracts';

/** What the pipeline knows about a line besides its text. Everything time-related is injected. */
export interface ParseContext {
  /** When the line arrived (epoch ms); the fallback event time and the anchor for year inference. */
  receivedAt: number;
  /** The sender's address; becomes `log.source.address`, and `host.ip` when the line names no host. */
  sourceIp?: string;
  /** The year for timestamps that carry none (RFC 3164); inferred from `receivedAt` when absent. */
  defaultYear?: number;
  /** Minutes east of UTC for timestamps without an offset (RFC 3164, bare local times); 0 when absent. */
  timezoneOffsetMinutes?: number;
  /** Set by `parseLine` for body parsers: what the transport envelope (the syslog header) found. */
  envelope?: Envelope;
}

/** The syslog header's findings, handed to the parsers that read the message body. */
export interface Envelope {
  /** Fields the envelope parser produced (`log.syslog.*`, `host.name`, `process.*`, `@timestamp`). */
  readonly fields: Readonly<Record<string, FieldValue>>;
  /** The text after the hostname, tag included (`sshd[42]: Failed password …`). */
  readonly content: string;
  /** The program / APP-NAME, when the header names one. */
  readonly appname?: string;
}

/** What a parser returns for a line it understood. */
export interface ParseResult {
  /** Flat ECS dotted names. After `parseLine` it always holds `message`, `@timestamp` and `event.original`. */
  fields: Record<string, FieldValue>;
  /** The parser (or `envelope+body` chain) that produced the fields. */
  parser: string;
  /** False when nothing understood the line (the fallback event). */
  ok: boolean;
  /** Envelope parsers only: the message part left for the body parsers. */
  payload?: { message: string; content: string; appname?: string };
}

/** Where a parser sits in the pipeline: envelopes split a transport header, bodies read a message. */
export type ParserStage = 'envelope' | 'body';

/** A named parser. Registered once; `parseLine` picks it by `detect` or by name. */
export interface Parser {
  /** Unique registry name (`rfc5424`, `cef`, `fortigate`, …). */
  name: string;
  /** `envelope` (syslog headers) or `body` (the default: message formats, vendors, semantic parsers). */
  stage?: ParserStage;
  /** Higher runs earlier among parsers of the same stage; 0 when absent. */
  priority?: number;
  /** Datasets this parser can emit (`event.dataset`), for docs and benchmarks. */
  datasets?: readonly string[];
  /** A cheap check (prefix, marker, program name) that must be true before `parse` is tried. */
  detect?(line: string, ctx?: ParseContext): boolean;
  /** Parses the line; `null` means "not mine". Never throws on any input. */
  parse(line: string, ctx: ParseContext): ParseResult | null;
}
