import type { SseEvent } from '../sse.js';

/** What the gateway needs from a client request, whatever its wire format. */
export interface ParsedRequest {
  /** System prompt and every message's text parts, in order: the input guard classifies it whole. */
  readonly conversation: string;
  readonly stream: boolean;
  readonly model: string;
  /** The newest turn only: messages after the last assistant message. What conversation risk scores. */
  readonly latestTurn: string;
  /** System prompt and first user message: stable across a conversation's turns, so it names it. */
  readonly conversationSeed: string;
  /** User messages in the request; a retried turn has the same count and is not counted twice. */
  readonly turns: number;
  /** The end user the client names (OpenAI `user`, Anthropic `metadata.user_id`), if any. */
  readonly account: string | null;
  /**
   * Kinds of content the model reads but the guard cannot ("image", "audio", "file", "document"),
   * sorted; empty for text only. `gateway.unreadContent` decides whether such a request is refused.
   */
  readonly unread: readonly string[];
}

/** A response the gateway makes itself (refusals, errors): a JSON body or a complete SSE stream. */
export type SyntheticResponse =
  | { readonly status: number; readonly json: unknown }
  | { readonly status: number; readonly sse: string };

/** The model output carried by a non-streaming upstream response, and how to refuse it. */
export interface CompletedResponse {
  readonly text: string;
  /** The same response with the output withheld and the wire format's refusal stop reason. */
  refused(): unknown;
}

/** Error classes a wire format knows how to word; the HTTP status is chosen by the caller. */
export interface WireError {
  readonly status: number;
  /** A Bulwark error code (docs/errors.md). */
  readonly code: string;
  readonly message: string;
}

/**
 * The port every provider wire format implements. The proxy core talks to providers only through
 * this; anything that differs between OpenAI and Anthropic (auth header, refusal shape, stream
 * framing) lives behind it, never in an `if (provider === ...)` in shared code.
 */
export interface WireFormat {
  /** A label for metrics and logs, and what conversation ids are derived under. Never branched on. */
  readonly id: string;
  /** The key of its upstream in config (`gateway.upstreams`): two wire formats of one provider share one. */
  readonly upstream: string;
  /** The route path, identical on the gateway and on the upstream. */
  readonly path: string;
  /** Validates the parts the gateway reads; everything else passes through untouched. Throws REQUEST_INVALID_BODY. */
  parseRequest(body: unknown): ParsedRequest;
  /** Headers that authenticate the gateway upstream (and any the API requires but the client omitted). */
  upstreamHeaders(apiKey: string | null, clientHeaders: Readonly<Record<string, string>>): Record<string, string>;
  inputBlocked(request: ParsedRequest, message: string): SyntheticResponse;
  /** Throws (a plain Error) when the body is not this format's response: the upstream sent garbage. */
  readCompleted(body: unknown): CompletedResponse;
  errorBody(error: WireError & { requestId: string }): unknown;
  /** One codec per streamed response: it keeps the state a proper ending needs (ids, open blocks). */
  openStream(request: ParsedRequest): StreamCodec;
}

/**
 * Reads and writes one upstream stream's events. `textOf` must return every piece of model output an
 * event carries (null only when it carries none): an event with text is never released before the
 * stream guard has cleared that text.
 */
export interface StreamCodec {
  /** Throws when the event is not valid for this format (garbage from upstream). */
  textOf(event: SseEvent): string | null;
  /** The event with its text replaced by a prefix, or null when this event cannot be split. */
  withText(event: SseEvent, text: string): SseEvent | null;
  /** The last event of a complete stream (`data: [DONE]`, `message_stop`). */
  isTerminal(event: SseEvent): boolean;
  /** Called for every upstream event, released or not (ids, model, usage). */
  noteSeen(event: SseEvent): void;
  /** Called for every event actually sent to the client (which blocks are open). */
  noteReleased(event: SseEvent): void;
  /** Ends the client's stream with the refusal stop reason, after nothing of the flagged text. */
  haltFrames(): string;
  /** Ends the client's stream with an error the SDKs surface, once headers are already sent. */
  errorFrames(error: WireError): string;
}
