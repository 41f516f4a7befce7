/**
 * @module storage/committed-row
 * A committed row as an event log hands it out: its position, tenant and stored text (the `message`
 * column and the document without it). The event is parsed only when someone reads `event`, so a
 * consumer that hands the text on (the detector, to its engine thread) never parses it on the main thread.
 */
import type { VigilEvent } from '@vigil/contracts';
import type { CommittedEvent } from '../bus/event-log.ts';
import { fromRow } from './event-row.ts';

/** A committed row as the log hands it out: its text, parsed only when someone reads `event`. */
export class CommittedRow implements CommittedEvent {
  private parsed: VigilEvent | undefined;

  constructor(
    readonly position: string,
    readonly tenantId: string,
    readonly text: { message: string; doc: string },
  ) {}

  get event(): VigilEvent {
    return (this.parsed ??= fromRow(this.text.message, this.text.doc));
  }
}
