/**
 * An EventSource stand-in for component tests: tests push server-sent messages by hand.
 */
type Listener = (ev: MessageEvent | Event) => void;

export class FakeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static instances: FakeEventSource[] = [];

  readonly url: string;
  readyState = FakeEventSource.CONNECTING;
  private listeners = new Map<string, Set<Listener>>();

  constructor(url: string) {
    this.url = url;
    FakeEventSource.instances.push(this);
  }

  addEventListener(type: string, fn: Listener): void {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(fn);
  }

  removeEventListener(type: string, fn: Listener): void {
    this.listeners.get(type)?.delete(fn);
  }

  close(): void {
    this.readyState = FakeEventSource.CLOSED;
  }

  /** Simulates the connection opening. */
  open(): void {
    this.readyState = FakeEventSource.OPEN;
    for (const fn of this.listeners.get('open') ?? []) fn(new Event('open'));
  }

  /** Simulates a server-sent message `event: <type>` with JSON data. */
  emit(type: string, data: unknown): void {
    const msg = new MessageEvent(type, { data: JSON.stringify(data) });
    for (const fn of this.listeners.get(type) ?? []) fn(msg);
  }

  /** The most recently opened stream. */
  static latest(): FakeEventSource {
    const s = FakeEventSource.instances[FakeEventSource.instances.length - 1];
    if (!s) throw new Error('no EventSource opened');
    return s;
  }
}
