// Single-core speed of the built-in classifier: normalize + score a 2,000-character input.
// Baseline: normalize + tokenize the same inputs (the floor any text classifier pays).
// Run: npx tsx bench/guard.bench.ts [model path]
import { existsSync, readFileSync } from 'node:fs';
import { decodeArtifact, loadModelFile } from '../src/guard/model/index.js';
import { normalizeText } from '../src/guard/normalize.js';
import { Random } from '../src/guard/model/random.js';

const INPUT_CHARS = 2_000;
const DISTINCT_INPUTS = 256;
const WARMUP = 2_000;
const MEASURED = 20_000;

const WORDS = (
  'the of and to in is for that on with as are be this by from or an was can which how what cell virus protein ' +
  'gene sample culture study patients treatment effect results data analysis method water energy reaction ' +
  'temperature pressure question answer explain describe history policy safety laboratory research model ' +
  'system structure function process human animal plant growth infection immune response dose risk'
).split(' ');

/**
 * Inputs mix a fixed science vocabulary with words drawn Zipf-like from the model's own vocabulary
 * (ordered by frequency), so the text has the long tail of real prose rather than 70 repeated words.
 */
function makeInputs(vocabulary: readonly string[]): string[] {
  const random = new Random(2024);
  const tail = vocabulary.slice(0, 30_000).filter((w) => /^[a-z]+$/.test(w));
  const zipf = (): string => tail[Math.min(tail.length - 1, Math.floor(Math.exp(random.next() * Math.log(tail.length))) - 1)]!;
  return Array.from({ length: DISTINCT_INPUTS }, () => {
    let text = '';
    while (text.length < INPUT_CHARS) {
      text += random.next() < 0.5 ? random.pick(WORDS) : zipf();
      text += random.next() < 0.08 ? '. ' : ' ';
    }
    return text.slice(0, INPUT_CHARS);
  });
}

function tokenize(text: string): number {
  return text.toLowerCase().split(/[^a-z0-9]+/).length;
}

interface Timing {
  perSecond: number;
  /** Per second of this process's CPU time: the single-core figure, robust to a busy shared machine. */
  perCpuSecond: number;
  p50: number;
  p99: number;
}

function measure(inputs: readonly string[], work: (text: string) => unknown): Timing {
  for (let i = 0; i < WARMUP; i += 1) work(inputs[i % inputs.length]!);
  const latencies = new Float64Array(MEASURED);
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < MEASURED; i += 1) {
    const t0 = process.hrtime.bigint();
    work(inputs[i % inputs.length]!);
    latencies[i] = Number(process.hrtime.bigint() - t0) / 1e6;
  }
  const totalSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  latencies.sort();
  return { perSecond: MEASURED / totalSeconds, perCpuSecond: MEASURED / ((cpu.user + cpu.system) / 1e6), p50: latencies[Math.floor(MEASURED * 0.5)]!, p99: latencies[Math.floor(MEASURED * 0.99)]! };
}

const modelPath = process.argv[2] ?? new URL('../models/cbrn-guard.bin', import.meta.url).pathname;
if (!existsSync(modelPath)) {
  process.stderr.write(`no model at ${modelPath}; train one first\n`);
  process.exit(1);
}
const loadStart = process.hrtime.bigint();
const model = loadModelFile(modelPath);
const loadMs = Number(process.hrtime.bigint() - loadStart) / 1e6;
const inputs = makeInputs(decodeArtifact(readFileSync(modelPath)).embeddings.words);
const baseline = measure(inputs, (text) => tokenize(normalizeText(text).normalized));
const guard = measure(inputs, (text) => model.score(normalizeText(text)));
const fmt = (t: Timing): string => `${t.perSecond.toFixed(0).padStart(7)} /s   ${t.perCpuSecond.toFixed(0).padStart(7)} /cpu-s   p50 ${t.p50.toFixed(3)} ms   p99 ${t.p99.toFixed(3)} ms`;
const heapMb = process.memoryUsage().heapUsed / 1e6;
const rssMb = process.memoryUsage().rss / 1e6;
process.stdout.write(
  [
    `guard bench: ${MEASURED} classifications of ${INPUT_CHARS}-char inputs, single core`,
    `model          ${model.name} ${model.version.slice(0, 16)} (loaded in ${loadMs.toFixed(0)} ms)`,
    `baseline       ${fmt(baseline)}   (normalize + tokenize)`,
    `normalize+score${fmt(guard)}`,
    `ratio          ${(guard.perSecond / baseline.perSecond).toFixed(2)}x of baseline throughput (${(guard.perCpuSecond / baseline.perCpuSecond).toFixed(2)}x per CPU second)`,
    `memory         heap ${heapMb.toFixed(0)} MB, rss ${rssMb.toFixed(0)} MB`,
    '',
  ].join('\n'),
);
