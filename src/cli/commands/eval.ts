import path from 'node:path';
import type { Command } from 'commander';
import { BulwarkError } from '../../core/errors.js';
import { readEvalFile, readTemplates } from '../../guard/eval-data.js';
import { runEval, type EvalReport } from '../../guard/eval.js';
import { TRANSFORMS, type TransformName } from '../../guard/obfuscate.js';
import { loadGuard } from '../../server/start.js';
import { loadOptionsFrom, type CommonFlags } from '../env.js';
import { emit } from '../output.js';
import { createProgress } from '../progress.js';

interface EvalFlags extends CommonFlags {
  data: string[];
  transform?: string[];
  templates?: string;
  json?: boolean;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function registerEval(program: Command): void {
  program
    .command('eval')
    .description('measure the guard on labelled JSONL rows ({ text | messages, expected: flag | pass })')
    .requiredOption('--data <file>', 'JSONL file; repeat for several', collect)
    .option('--transform <name>', `obfuscate every text first: ${TRANSFORMS.join(', ')}; repeat for several`, collect)
    .option('--templates <file>', 'JSONL jailbreak templates ({0} marks the request); every text is wrapped in every template')
    .option('--policy <file>', 'policy YAML (env BULWARK_POLICY)')
    .option('--config <file>', 'config YAML (env BULWARK_CONFIG)')
    .option('--json', 'print the report as JSON')
    .action((flags: EvalFlags) => {
      const transforms = (flags.transform ?? []).map(checkTransform);
      const sets = flags.data.map((file) => ({ file: path.basename(file), rows: readEvalFile(file) }));
      const templates = flags.templates ? readTemplates(flags.templates) : undefined;
      const { guard } = loadGuard(loadOptionsFrom(flags));
      const progress = createProgress('eval');
      const report = runEval(guard, sets, { transforms, ...(templates ? { templates } : {}), onProgress: (d, t) => progress.update(d, t) });
      progress.stop();
      emit(flags.json === true, report, () => formatReport(report));
    });
}

function checkTransform(name: string): TransformName {
  if (!(TRANSFORMS as readonly string[]).includes(name)) {
    throw new BulwarkError('EVAL_UNKNOWN_TRANSFORM', `unknown transform "${name}"; expected one of ${TRANSFORMS.join(', ')}`);
  }
  return name as TransformName;
}

const pct = (v: number | null): string => (v === null ? '   -  ' : `${(v * 100).toFixed(2).padStart(6)}%`);

function formatReport(report: EvalReport): string {
  const lines = [`model ${report.model}   policy ${report.policy}`, '', 'set                                         n   recall      fpr  flagged'];
  for (const set of report.sets) {
    const name = `${set.file}${set.transform ? ` +${set.transform}` : ''}${set.templated ? ' +templates' : ''}`;
    lines.push(`${name.padEnd(40)} ${String(set.n).padStart(6)}  ${pct(set.recall)}  ${pct(set.fpr)}  ${String(set.flagged).padStart(7)}`);
  }
  const t = report.total;
  lines.push('', `total n=${t.n}  recall ${pct(t.recall)}  fpr ${pct(t.fpr)}  auroc ${t.auroc ?? '-'}`);
  lines.push(`latency p50 ${report.latency_ms.p50} ms  p99 ${report.latency_ms.p99} ms`);
  return lines.join('\n');
}
