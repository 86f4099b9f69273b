import { performance } from 'node:perf_hooks';
import type { Logger as PinoLogger } from 'pino';
import { BulwarkError } from '../core/errors.js';
import { mostSevere, type Decision } from '../guard/decision.js';
import { toDecisionRecord } from '../guard/decision-log.js';
import { inThreadClassifier, type BatchClassifier } from '../guard/classifier-pool.js';
import type { Guard, GuardVerdict } from '../guard/guard.js';
import { noJudge, type VerdictReview } from '../guard/judge.js';
import type { DecisionDetails, Store } from '../store/index.js';
import { applyExemption, noExemptions, type ExemptionScope, type ExemptionSource } from './exemptions.js';
import type { GatewayMetrics } from './gateway-metrics.js';
import { JudgeSpend } from './judge-spend.js';
import { conversationTail, exchangeText, type ExchangeCheck } from './output-check.js';
import { exchangeIdentity, noRiskTracking, type ExchangeIdentity, type RiskTracker } from './risk.js';
import { relayStream } from './stream-relay.js';
import { StreamGuard } from './stream-guard.js';
import { clientResponseHeaders, discardUpstreamBody, readUpstreamBody, sendUpstream, type Upstream } from './upstream.js';
import type { ParsedRequest, SyntheticResponse, WireFormat } from './wire/wire-format.js';

/** The per-request logger (fastify's child logger, with the request id). */
export type GatewayLogger = Pick<PinoLogger, 'info' | 'warn' | 'error'>;

export interface GatewaySettings {
  readonly holdbackChars: number;
  readonly rescoreEveryChars: number;
  /** Conversation tail classified with the output. */
  readonly contextChars: number;
  /** Output characters each stream check classifies at least: the classifier's window. */
  readonly checkWindowChars: number;
  /** `gateway.unreadContent`; unset: refuse. */
  readonly unreadContent?: 'refuse' | 'pass';
}

export interface GatewayDeps {
  readonly guard: Guard;
  readonly store: Pick<Store, 'decisions'>;
  readonly metrics: GatewayMetrics;
  /** Keyed by `WireFormat.id`. */
  readonly upstreams: Readonly<Record<string, Upstream>>;
  readonly settings: GatewaySettings;
  readonly risk?: RiskTracker;
  readonly exemptions?: ExemptionSource;
  /** The cascade's second stage (an LLM judge for uncertain scores); unset, the built-in guard decides alone. */
  readonly judge?: VerdictReview;
  /** Where `guard` runs (classifier threads); unset, on the calling thread. */
  readonly classifier?: BatchClassifier;
}

/** One client request, already authenticated, in transport-neutral form. */
export interface GatewayCall {
  readonly wire: WireFormat;
  /** The client's body bytes, forwarded unchanged so unknown fields and number precision survive. */
  readonly raw: Buffer;
  readonly body: unknown;
  /** Lower-cased request headers. */
  readonly headers: Readonly<Record<string, string>>;
  readonly tenant: string;
  readonly keyId: string | null;
  /** Aborted when the client goes away; cancels the upstream request. */
  readonly signal: AbortSignal;
  readonly log: GatewayLogger;
  /** Told the input decision as soon as it is made, so even a later upstream error can carry it. */
  readonly onInputDecision?: (decision: Decision) => void;
}

export interface GatewayReply {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string | Buffer | AsyncIterable<string>;
}

export const DECISION_HEADER = 'x-bulwark-decision';
const JSON_TYPE = 'application/json';
const SSE_HEADERS = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-accel-buffering': 'no' };

/**
 * The gateway for one request, as a list of steps: read the request, guard the input, forward the
 * exact bytes upstream, guard the output (whole, or streamed through the hold-back guard), record
 * every decision before the client sees its effect.
 */
export class GatewayProxy {
  private readonly risk: RiskTracker;
  private readonly exemptions: ExemptionSource;
  private readonly judge: VerdictReview;
  private readonly classifier: BatchClassifier;
  /** Output verdicts an exemption relaxed; the stream guard hands back the same objects it was given. */
  private readonly exemptedVerdicts = new WeakSet<GuardVerdict>();

  constructor(private readonly deps: GatewayDeps) {
    this.risk = deps.risk ?? noRiskTracking;
    this.exemptions = deps.exemptions ?? noExemptions;
    this.judge = deps.judge ?? noJudge;
    this.classifier = deps.classifier ?? inThreadClassifier(deps.guard);
  }

  async handle(call: GatewayCall): Promise<GatewayReply> {
    const request = call.wire.parseRequest(call.body);
    if (request.unread.length > 0 && this.deps.settings.unreadContent !== 'pass') {
      throw new BulwarkError(
        'GATEWAY_CONTENT_UNREAD',
        `the request carries content the guard cannot read (${request.unread.join(', ')}); this gateway refuses it (gateway.unreadContent: refuse). Send text only, or ask the operator to set gateway.unreadContent: pass`,
      );
    }
    const identity = exchangeIdentity(request, { tenant: call.tenant, keyId: call.keyId, wire: call.wire.id, headers: call.headers });
    const exemption = await this.exemptions.forExchange(identity);
    const input = await this.guardInput(request, identity, exemption);
    call.onInputDecision?.(input.decision);
    if (input.decision === 'block') {
      await input.recorded();
      this.countRequest(call, request, 'blocked_input');
      return synthetic(call.wire.inputBlocked(request, 'The request was blocked by the content policy.'), 'block');
    }
    try {
      return await this.forward(call, request, { identity, exemption, spend: new JudgeSpend('gateway.output', this.deps.metrics) }, input);
    } catch (error) {
      // Whatever failed after the input was allowed, its decision is written before the error answers.
      await input.recorded().catch(() => undefined);
      throw error;
    }
  }

  /**
   * A stream's headers leave before its output is known, so its input record commits while the
   * upstream works and is durable before the headers go. A whole answer's input record is written
   * with its output record, in one commit (one fsync on the way to the client, not two). Either way
   * nothing of the answer reaches the client before both are durable.
   */
  private async forward(call: GatewayCall, request: ParsedRequest, output: OutputContext, input: InputDecision): Promise<GatewayReply> {
    const upstream = this.deps.upstreams[call.wire.upstream];
    if (!upstream) throw new BulwarkError('GATEWAY_UPSTREAM_UNREACHABLE', `no upstream is configured for ${call.wire.upstream}`);
    if (request.stream) input.recorded().catch(() => undefined);
    const started = performance.now();
    const response = await sendUpstream(upstream, call.wire, call.raw, call.headers, call.signal);
    this.deps.metrics.gatewayUpstreamLatency.observe({ wire: call.wire.id, status: String(response.statusCode) }, (performance.now() - started) / 1000);
    const failed = response.statusCode < 200 || response.statusCode >= 300;
    if (request.stream || failed) {
      try {
        await input.recorded();
      } catch (error) {
        discardUpstreamBody(response.body);
        throw error;
      }
    }
    if (failed) return this.upstreamFailure(call, request, response, input.decision);
    const headers = { ...clientResponseHeaders(response.headers), [DECISION_HEADER]: input.decision };
    if (request.stream) return this.guardStream(call, request, output, response, headers);
    return this.guardCompleted(call, request, output, response, headers, input);
  }

  /**
   * The whole conversation is classified for this request; the newest turn alone is what adds to the
   * conversation's and account's risk (the older turns were counted when they were new). An exemption
   * may relax the guard's verdict; the risk tracker may only make the result stricter. The decision is
   * returned with its record not yet written: the caller starts the write (`recorded`, once) and awaits
   * it before answering the client.
   */
  private async guardInput(request: ParsedRequest, identity: ExchangeIdentity, exemption: ExemptionScope | null): Promise<InputDecision> {
    const { guard } = this.deps;
    const spend = new JudgeSpend('gateway.input', this.deps.metrics);
    // One batch: the whole conversation and, when it differs, the newest turn.
    const separateTurn = request.latestTurn.length > 0 && request.latestTurn !== request.conversation;
    // Scoped to the tenant's conversation: a resent history reuses its unchanged windows' scores.
    const reuseScope = `${identity.tenant}\u0000${identity.conversation}`;
    const texts = separateTurn ? [request.conversation, request.latestTurn] : [request.conversation];
    const [builtIn, turn] = await this.classifier.evaluate(texts, 'input', reuseScope);
    const whole = applyExemption(spend.note(await this.judge.review(request.conversation, builtIn!)), exemption);
    // Risk accumulates the built-in scores, which the judge does not change.
    const latest = turn ?? builtIn!;
    const risk = await this.risk.assessInput(identity, latest, request.turns, exemption?.categories ?? new Set());
    // Shadow mode records what risk would do, like the guard, and enforces nothing.
    if (risk !== null && risk.decision !== 'allow') this.deps.metrics.gatewayRiskEscalations.inc({ decision: risk.decision, mode: guard.policy.mode });
    const escalation = risk === null || guard.policy.mode === 'shadow' ? 'allow' : risk.decision;
    const decision = mostSevere(whole.verdict.decision, escalation);
    const details: DecisionDetails = {
      ...spend.details(whole.verdict),
      ...exemptionDetails(exemption, whole.exempted),
      ...(request.unread.length > 0 ? { unread: [...request.unread] } : {}),
      ...(risk ? { risk: { conversation: identity.conversation, account: identity.account, added: risk.added, conversationScore: risk.conversationScore, accountScore: risk.accountScore, decision: risk.decision } } : {}),
    };
    const verdict = { ...whole.verdict, decision, flagged: whole.verdict.flagged || decision !== 'allow' };
    let write: Promise<void> | null = null;
    return { decision, recorded: () => (write ??= this.record('gateway.input', request.conversation, verdict, identity.tenant, details)) };
  }

  private async guardCompleted(
    call: GatewayCall,
    request: ParsedRequest,
    output: OutputContext,
    response: Awaited<ReturnType<typeof sendUpstream>>,
    headers: Record<string, string>,
    input: InputDecision,
  ): Promise<GatewayReply> {
    const raw = await readUpstreamBody(response.body);
    const completed = readCompleted(call.wire, raw);
    const verdict = await this.outputCheck(request, output)(completed.text);
    // Started together, the two records share one group commit.
    await Promise.all([input.recorded(), this.recordOutput(completed.text, verdict, output)]);
    const decision = mostSevere(input.decision, verdict.decision);
    this.countRequest(call, request, verdict.decision === 'block' ? 'blocked_output' : 'allowed');
    const out = { ...headers, 'content-type': JSON_TYPE, [DECISION_HEADER]: decision };
    // Allowed answers go back byte for byte; only a refusal is re-serialized.
    if (verdict.decision !== 'block') return { status: response.statusCode, headers: out, body: raw };
    return { status: response.statusCode, headers: out, body: JSON.stringify(completed.refused()) };
  }

  private guardStream(
    call: GatewayCall,
    request: ParsedRequest,
    output: OutputContext,
    response: Awaited<ReturnType<typeof sendUpstream>>,
    headers: Record<string, string>,
  ): GatewayReply {
    const type = response.headers['content-type'];
    if (typeof type !== 'string' || !type.startsWith('text/event-stream')) {
      discardUpstreamBody(response.body);
      throw new BulwarkError('GATEWAY_UPSTREAM_INVALID', 'the upstream did not answer a streaming request with an event stream');
    }
    const codec = call.wire.openStream(request);
    const { settings } = this.deps;
    const guard = new StreamGuard(codec, this.outputCheck(request, output), settings);
    const body = relayStream(response.body, guard, codec, {
      record: (verdict) => this.recordOutput(guard.output, verdict, output),
      finished: (outcome) => {
        this.countRequest(call, request, outcome);
        if (outcome !== 'allowed') this.deps.metrics.gatewayStreamHalts.inc({ wire: call.wire.id, reason: outcome });
      },
      log: call.log,
    });
    return { status: response.statusCode, headers: { ...headers, ...SSE_HEADERS }, body };
  }

  /** Upstream non-2xx: its own client errors pass through; the rest is the gateway's 502. */
  private async upstreamFailure(
    call: GatewayCall,
    request: ParsedRequest,
    response: Awaited<ReturnType<typeof sendUpstream>>,
    input: Decision,
  ): Promise<GatewayReply> {
    const status = response.statusCode;
    const raw = await readUpstreamBody(response.body).catch(() => Buffer.alloc(0));
    this.countRequest(call, request, 'upstream_error');
    if (status === 401 || status === 403 || status === 407) {
      call.log.warn({ upstream: call.wire.upstream, status }, 'upstream refused the gateway credential');
      throw new BulwarkError('GATEWAY_UPSTREAM_AUTH', "the upstream model API refused the gateway's credential");
    }
    if (status >= 400 && status < 500 && isJson(raw)) {
      return { status, headers: { ...clientResponseHeaders(response.headers), 'content-type': JSON_TYPE, [DECISION_HEADER]: input }, body: raw };
    }
    call.log.warn({ upstream: call.wire.upstream, status }, 'upstream error');
    throw new BulwarkError('GATEWAY_UPSTREAM_ERROR', `the upstream model API answered HTTP ${status}`);
  }

  /** Output checks see the same exemption as the input: an exempt researcher's answer is not cut off. */
  private outputCheck(request: ParsedRequest, output: OutputContext): ExchangeCheck {
    const context = conversationTail(request.conversation, this.deps.settings.contextChars);
    return async (text) => {
      const exchange = exchangeText(context, text);
      const [builtIn] = (await this.classifier.evaluate([exchange], 'output')) as [GuardVerdict];
      this.deps.metrics.guardLatency.observe({ source: 'gateway.output' }, builtIn.latencyMs / 1000);
      const { verdict, exempted } = applyExemption(output.spend.note(await this.judge.review(exchange, builtIn)), output.exemption);
      if (exempted) this.exemptedVerdicts.add(verdict);
      return verdict;
    };
  }

  private async recordOutput(text: string, verdict: GuardVerdict, output: OutputContext): Promise<void> {
    const details = { ...output.spend.details(verdict), ...exemptionDetails(output.exemption, this.exemptedVerdicts.has(verdict)) };
    await this.record('gateway.output', text, verdict, output.identity.tenant, details);
    await this.risk.recordOutput(output.identity, verdict);
  }

  /** A decision that is not in the log did not happen: written before its effect reaches the client. */
  private async record(source: 'gateway.input' | 'gateway.output', text: string, verdict: GuardVerdict, tenant: string, details: DecisionDetails): Promise<void> {
    const context = { source, tenant, ...(Object.keys(details).length > 0 ? { details } : {}) };
    await this.deps.store.decisions.insert(toDecisionRecord(this.deps.guard, text, verdict, context));
    this.deps.metrics.guardDecisions.inc({ source, decision: verdict.decision, stage: details.stage ?? 'classifier' });
    if (source === 'gateway.input') this.deps.metrics.guardLatency.observe({ source }, verdict.latencyMs / 1000);
  }

  private countRequest(call: GatewayCall, request: ParsedRequest, outcome: string): void {
    this.deps.metrics.gatewayRequests.inc({ wire: call.wire.id, stream: String(request.stream), outcome });
  }
}

interface InputDecision {
  readonly decision: Decision;
  /** Starts the decision's write on the first call; every call returns that same write. */
  readonly recorded: () => Promise<void>;
}

interface OutputContext {
  readonly identity: ExchangeIdentity;
  readonly exemption: ExemptionScope | null;
  readonly spend: JudgeSpend;
}

function exemptionDetails(exemption: ExemptionScope | null, exempted: boolean): DecisionDetails {
  if (exemption === null) return {};
  return { exemptionId: exemption.ids.join(','), exempted };
}

function synthetic(response: SyntheticResponse, decision: Decision): GatewayReply {
  if ('sse' in response) return { status: response.status, headers: { ...SSE_HEADERS, [DECISION_HEADER]: decision }, body: response.sse };
  return { status: response.status, headers: { 'content-type': JSON_TYPE, [DECISION_HEADER]: decision }, body: JSON.stringify(response.json) };
}

/** Threat: a broken or hostile upstream. Anything but this wire format's response object is a 502. */
function readCompleted(wire: WireFormat, raw: Buffer): ReturnType<WireFormat['readCompleted']> {
  try {
    return wire.readCompleted(JSON.parse(raw.toString('utf8')) as unknown);
  } catch (error) {
    throw new BulwarkError('GATEWAY_UPSTREAM_INVALID', 'the upstream response is not a valid response of this API', { cause: error });
  }
}

function isJson(raw: Buffer): boolean {
  try {
    JSON.parse(raw.toString('utf8'));
    return true;
  } catch {
    return false;
  }
}
