// What a long conversation costs the input guard per turn. Chat and agent clients resend the whole
// history every turn, and the gateway classifies the whole conversation each time; with window reuse
// (src/guard/window-cache.ts) each turn is scored only where the text grew.
// Baseline, in the same run: the same turns scored whole each time (no reuse scope).
// Both runs use the shipped model and policy through Guard.evaluate, one thread; prints numbers, asserts nothing.
// Run: npm run bench:conversation   (TURNS=N, TURN_CHARS=N to change the conversation)
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Guard } from '../src/guard/guard.js';
import { Random } from '../src/guard/model/random.js';
import { loadGuard } from '../src/server/start.js';

const TURNS = Number(process.env.TURNS ?? 100);
const TURN_CHARS = Number(process.env.TURN_CHARS ?? 2_000);

const WORDS = (
  'the of and to in is for that on with as are be this by from or an was can which how what cell leaf root ' +
  'water energy light sugar soil season river rock weather climate ocean current tide moon orbit planet star ' +
  'history trade road bridge market bread yeast flour oven recipe garden tomato seed compost insect bird'
).split(' ');

/** A tutoring conversation: one benign user turn and one placeholder reply per turn, TURN_CHARS together. */
function makeTurns(): string[] {
  const random = new Random(7);
  return Array.from({ length: TURNS }, (_, i) => {
    let text = `Turn ${i}: could you explain this part again?`;
    while (text.length < TURN_CHARS) text += ` ${random.pick(WORDS)}${random.next() < 0.08 ? '.' : ''}`;
    return text.slice(0, TURN_CHARS);
  });
}

interface Run {
  readonly perTurnMs: number[];
  readonly cpuMs: number;
  readonly decisions: string[];
}

function replay(guard: Guard, turns: readonly string[], scope: string | undefined): Run {
  const perTurnMs: number[] = [];
  const decisions: string[] = [];
  const cpu = process.cpuUsage();
  let conversation = 'You are a patient tutor.';
  for (const turn of turns) {
    conversation += `\n${turn}`;
    const started = performance.now();
    decisions.push(guard.evaluate(conversation, 'input', scope).decision);
    perTurnMs.push(performance.now() - started);
  }
  const used = process.cpuUsage(cpu);
  return { perTurnMs, cpuMs: (used.user + used.system) / 1000, decisions };
}

const home = mkdtempSync(path.join(tmpdir(), 'bulwark-bench-'));
const { guard } = loadGuard({ cwd: home, home });
const turns = makeTurns();
// Warm the JIT on a conversation of its own (a different scope, so nothing is reused from it).
replay(guard, turns.slice(0, 10), 'warm-up');
const whole = replay(guard, turns, undefined);
const reused = replay(guard, turns, 'bench\u0000conversation');
const same = whole.decisions.every((decision, i) => decision === reused.decisions[i]);
const stats = (run: Run) => {
  const sorted = [...run.perTurnMs].sort((a, b) => a - b);
  return `last turn ${run.perTurnMs.at(-1)!.toFixed(2)} ms, median turn ${sorted[Math.floor(sorted.length / 2)]!.toFixed(2)} ms, all turns ${run.cpuMs.toFixed(0)} ms CPU`;
};
process.stdout.write(
  [
    `conversation bench: ${TURNS} turns of ${TURN_CHARS} characters, the whole conversation classified each turn (${(TURNS * TURN_CHARS / 1000).toFixed(0)}k characters at the end)`,
    `baseline (scored whole)  ${stats(whole)}`,
    `window reuse             ${stats(reused)}`,
    `ratio                    ${(reused.cpuMs / whole.cpuMs).toFixed(3)}x the baseline's CPU over the conversation; last turn ${(reused.perTurnMs.at(-1)! / whole.perTurnMs.at(-1)!).toFixed(3)}x`,
    `verdicts                 ${same ? 'identical on every turn' : 'DIFFER (a bug: reuse must not change a verdict)'}`,
    '',
  ].join('\n'),
);
