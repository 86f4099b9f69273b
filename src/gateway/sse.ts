/** One server-sent event as it arrived: its `event:` name, its joined `data:` lines and its raw text. */
export interface SseEvent {
  /** The `event:` field, or null when the block had none (OpenAI sends none). */
  readonly event: string | null;
  /** The `data:` lines joined with "\n" (WHATWG HTML §9.2.6); "" for a comment-only block. */
  readonly data: string;
  /** The block exactly as received, terminating blank line included, so it can be forwarded as is. */
  readonly raw: string;
}

/** Longest event the parser accepts: the upstream is trusted for content, not for framing. */
export const MAX_SSE_EVENT_CHARS = 8 * 1024 * 1024;

/**
 * Incremental text/event-stream parser. Bytes may be split anywhere (inside a UTF-8 sequence, inside
 * a CRLF, inside a field name); the events that come out do not depend on the split.
 */
export class SseParser {
  private readonly decoder = new TextDecoder('utf-8');
  private buffer = '';
  private eventName: string | null = null;
  private dataLines: string[] = [];
  private blockStart = 0;
  private scanFrom = 0;

  /** Returns every event completed by this chunk. Throws when one event exceeds the size bound. */
  push(chunk: Uint8Array | string): SseEvent[] {
    this.buffer += typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    return this.drain(false);
  }

  /** Flushes at end of stream. A final block without its blank line is incomplete and dropped (§9.2.6). */
  end(): SseEvent[] {
    this.buffer += this.decoder.decode();
    return this.drain(true);
  }

  /** Text received after the last complete event: non-empty at end means the stream was cut. */
  get pending(): string {
    return this.buffer.slice(this.blockStart);
  }

  private drain(final: boolean): SseEvent[] {
    const events: SseEvent[] = [];
    let pos = this.scanFrom;
    // Most streams have no CR at all (some, no LF): searching for each from every line start would scan
    // the rest of the buffer once per line, quadratic in a chunk of many lines. A position found is
    // reused until the scan passes it; -1 means none in the buffer.
    let lf = this.buffer.indexOf('\n', pos);
    let cr = this.buffer.indexOf('\r', pos);
    for (;;) {
      if (lf !== -1 && lf < pos) lf = this.buffer.indexOf('\n', pos);
      if (cr !== -1 && cr < pos) cr = this.buffer.indexOf('\r', pos);
      const end = cr === -1 ? lf : lf === -1 ? cr : Math.min(cr, lf);
      if (end === -1) break;
      let next = end + 1;
      if (this.buffer.charCodeAt(end) === 13) {
        // A CR at the very end may be the first half of a CRLF split across chunks.
        if (end + 1 === this.buffer.length && !final) break;
        if (this.buffer.charCodeAt(end + 1) === 10) next = end + 2;
      }
      const line = this.buffer.slice(pos, end);
      pos = next;
      if (line.length === 0) {
        events.push(this.dispatch(pos));
        continue;
      }
      this.takeLine(line);
    }
    this.scanFrom = pos;
    this.compact();
    if (this.buffer.length - this.blockStart > MAX_SSE_EVENT_CHARS) throw new Error('server-sent event exceeds the size bound');
    return events;
  }

  private takeLine(line: string): void {
    if (line.charCodeAt(0) === 58) return; // ":" starts a comment
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === 'data') this.dataLines.push(value);
    else if (field === 'event') this.eventName = value;
  }

  private dispatch(blockEnd: number): SseEvent {
    const event: SseEvent = { event: this.eventName, data: this.dataLines.join('\n'), raw: this.buffer.slice(this.blockStart, blockEnd) };
    this.eventName = null;
    this.dataLines = [];
    this.blockStart = blockEnd;
    return event;
  }

  /** Drops consumed text so the buffer holds at most one partial event. */
  private compact(): void {
    if (this.blockStart === 0) return;
    this.buffer = this.buffer.slice(this.blockStart);
    this.scanFrom -= this.blockStart;
    this.blockStart = 0;
  }
}

/** Serializes an event the gateway made or changed. `data` must not contain a line break. */
export function formatSseEvent(data: string, event: string | null = null): string {
  return event === null ? `data: ${data}\n\n` : `event: ${event}\ndata: ${data}\n\n`;
}
