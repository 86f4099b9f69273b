import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { loadIdentity } from '../../access/index.js';
import { createAuditLog, DEFAULT_AUDIT_LOG_KEY_FILE, type AuditLog } from '../../audit/index.js';
import type { Policy } from '../../config/policy-schema.js';
import { loadConfig, loadPolicyFile, parsePolicyText, type LoadedConfig } from '../../config/load.js';
import { BulwarkError } from '../../core/errors.js';
import { holdbackShortfall, ruleHoldbackChars } from '../../gateway/output-check.js';
import { gatewaySettings } from '../../gateway/setup.js';
import { readEvalFile } from '../../guard/eval-data.js';
import { Guard } from '../../guard/guard.js';
import { RuleSet } from '../../guard/rules.js';
import { loadModelFile } from '../../guard/model/index.js';
import { checkPromotion, type PromotionReport } from '../../guard/promotion.js';
import { policyFingerprint, releaseOnRecord, type PolicyOrigin } from '../../server/policy-audit.js';
import { policySignersOf, releaseSignatureProblem, signPolicyRelease } from '../../server/policy-release-signature.js';
import { openStoreFor } from '../../server/start.js';
import type { PolicyReleaseSummary, Store } from '../../store/index.js';
import { DEFAULT_POLICY_RELEASE_LIST_LIMIT } from '../../store/policy-release-repository.js';
import { commitTempFile, createTempFile, discardTempFile } from '../../vault/format/atomic-file.js';
import { identityPathOf } from '../api-client.js';
import { loadOptionsFrom, type CommonFlags } from '../env.js';
import { emit } from '../output.js';

interface PromoteFlags extends CommonFlags {
  to?: string;
  publish?: boolean;
  data?: string[];
  reported?: string[];
  maxFprIncrease: string;
  promotedBy?: string;
  identity?: string;
  dryRun?: boolean;
  json?: boolean;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** Over-refusal a promotion may add on any benign set unless told otherwise: none measurable on a few thousand rows. */
export const DEFAULT_MAX_FPR_INCREASE = 0.001;

export function registerPolicy(program: Command): void {
  const policy = program.command('policy').description('inspect and validate policy files');
  policy
    .command('check <file>')
    .description('validate a policy file; lists every problem')
    .option('--json', 'print JSON')
    .action((file: string, flags: { json?: boolean }) => {
      const loaded = loadPolicyFile(file);
      const summary = {
        name: loaded.name,
        version: loaded.version,
        mode: loaded.mode,
        harmful: Object.keys(loaded.categories.harmful),
        rules: loaded.rules.length,
        // What `gateway.stream.holdbackChars` must be at least for a server to load this policy.
        outputRulesHoldbackChars: ruleHoldbackChars(new RuleSet(loaded.rules).longestOutputMatchChars),
      };
      emit(
        flags.json === true,
        { ok: true, ...summary },
        () =>
          `ok: ${summary.name}@${summary.version} (${summary.mode}), ${summary.harmful.length} harmful categories, ${summary.rules} rules (output rules need a stream hold-back of ${summary.outputRulesHoldbackChars} characters)`,
      );
    });
  policy
    .command('promote <candidate>')
    .description('put a candidate policy in force only if it passes the gate: every reported prompt flagged in every obfuscation family, no lost recall, no added over-refusal. --to replaces a policy file a server watches; --publish releases it through the store to every server with guard.policySource: store')
    .option('--to <file>', 'the policy file to replace (the one the server was started with)')
    .option('--publish', 'release the candidate through the store (compared against the newest release) instead of replacing a file')
    .option('--data <file>', 'labelled JSONL set to compare current and candidate on; repeat for several', collect)
    .option('--reported <file>', 'JSONL rows (expected: flag) the candidate must flag, e.g. the reported jailbreak; repeat for several', collect)
    .option('--max-fpr-increase <rate>', 'largest rise in a benign set\'s flag rate that still passes', String(DEFAULT_MAX_FPR_INCREASE))
    .option('--config <file>', 'config YAML: the model path, and the store whose audit log records the promotion (env BULWARK_CONFIG)')
    .option('--home <dir>', 'data folder of the server\'s store and audit log key (env BULWARK_HOME)')
    .option('--promoted-by <name>', 'who promotes it, for the audit log (default: the OS user running the CLI)')
    .option('--identity <file>', 'with --publish: the private key that signs the release, one of guard.policySigners (env BULWARK_IDENTITY)')
    .option('--dry-run', 'check only; replace, publish and record nothing')
    .option('--json', 'print the report as JSON')
    .action(async (candidateFile: string, flags: PromoteFlags) => {
      if ((flags.to === undefined) === (flags.publish !== true)) {
        throw new BulwarkError('CLI_USAGE', 'give either --to FILE (replace a policy file) or --publish (release through the store)');
      }
      if (flags.publish === true) return promoteToStore(candidateFile, flags);
      const target = path.resolve(flags.to!);
      const current = existsSync(target) ? { policy: loadPolicyFile(target), label: path.basename(target) } : null;
      const report = await gate(candidateFile, current, flags);
      const passed = report.problems.length === 0;
      const promoted = passed && flags.dryRun !== true;
      if (promoted) {
        // Recorded before the file changes: a promotion the audit log refused does not happen.
        const { store, audit } = await openAudit(flags);
        try {
          await recordPromotion(audit, flags, { file: target }, current?.policy ?? null, loadPolicyFile(candidateFile), report);
        } finally {
          await store.close();
        }
        await replaceFile(target, await readFile(candidateFile));
      }
      emit(flags.json === true, { ...report, promoted, to: target }, () => formatPromotion(report, promoted, `${flags.to} replaced (a server watching it reloads within guard.policyWatchIntervalMs, or send it SIGHUP)`, `${flags.to} unchanged`));
      if (!passed) refuse(report, candidateFile, target);
    });
  policy
    .command('releases')
    .description('list the policies released through the store (newest first), each checked against guard.policySigners; servers with guard.policySource: store run the newest trusted one')
    .option('--limit <n>', 'how many', String(DEFAULT_POLICY_RELEASE_LIST_LIMIT))
    .option('--config <file>', 'config YAML: the store (env BULWARK_CONFIG)')
    .option('--home <dir>', 'data folder (env BULWARK_HOME)')
    .option('--json', 'print JSON')
    .action(async (flags: CommonFlags & { limit: string; json?: boolean }) => {
      const limit = Number(flags.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1_000) throw new BulwarkError('CLI_USAGE', '--limit must be an integer from 1 to 1000');
      const { store, loaded } = await openStoreFor(loadOptionsFrom(flags));
      try {
        const signers = policySignersOf(loaded.config.guard.policySigners);
        // Each signature is checked against this config's guard.policySigners, as a replica would.
        const releases: (PolicyReleaseSummary & { trusted: boolean })[] = (await store.policyReleases.list(limit)).map((release) => ({
          seq: release.seq,
          name: release.name,
          version: release.version,
          sha256: release.sha256,
          publishedBy: release.publishedBy,
          publishedAt: release.publishedAt,
          signerKeyId: release.signerKeyId,
          trusted: releaseSignatureProblem(release, signers) === null,
        }));
        emit(flags.json === true, { releases }, () =>
          releases.length === 0
            ? 'no policy released yet (bulwark policy promote --publish)'
            : releases
                .map(
                  (r) =>
                    `${String(r.seq).padStart(5)}  ${r.name}@${r.version}  ${r.sha256.slice(0, 12)}  ${new Date(r.publishedAt).toISOString()}  ${r.publishedBy}  signed by ${r.signerKeyId?.slice(0, 16) ?? '(nobody)'}${r.trusted ? '' : '  NOT TRUSTED: servers refuse it'}`,
                )
                .join('\n'),
        );
      } finally {
        await store.close();
      }
    });
  policy
    .command('release <number>')
    .description('print the policy text of one release as it was promoted (to diff it, or to promote it again as a rollback)')
    .option('--config <file>', 'config YAML: the store (env BULWARK_CONFIG)')
    .option('--home <dir>', 'data folder (env BULWARK_HOME)')
    .option('--json', 'print the release with its number, fingerprint, author, time and signer as JSON, and whether guard.policySigners trusts it')
    .action(async (number: string, flags: CommonFlags & { json?: boolean }) => {
      const seq = Number(number);
      if (!/^[1-9][0-9]{0,15}$/.test(number) || !Number.isSafeInteger(seq)) throw new BulwarkError('CLI_USAGE', `a release number is a positive integer, not "${number}"`);
      const { store, loaded } = await openStoreFor(loadOptionsFrom(flags));
      try {
        const release = await store.policyReleases.get(seq);
        if (release === null) throw new BulwarkError('POLICY_RELEASE_NOT_FOUND', `no policy release ${seq} (bulwark policy releases lists them)`);
        const untrusted = releaseSignatureProblem(release, policySignersOf(loaded.config.guard.policySigners));
        // As stored, byte for byte: `bulwark policy release 3 > rollback.yaml` is the file that was promoted.
        if (flags.json === true) emit(true, { release, trusted: untrusted === null, problem: untrusted === null ? null : `policy release ${seq} ${untrusted}` }, () => '');
        else process.stdout.write(release.body);
      } finally {
        await store.close();
      }
    });
  program
    .command('config')
    .description('print the effective configuration (defaults, file, env and flags merged)')
    .option('--config <file>', 'config YAML (env BULWARK_CONFIG)')
    .option('--policy <file>', 'policy YAML (env BULWARK_POLICY)')
    .option('--home <dir>', 'data folder (env BULWARK_HOME)')
    .option('--port <port>', 'listen port (env BULWARK_PORT)')
    .action((flags: CommonFlags) => {
      const loaded = loadConfig(loadOptionsFrom(flags));
      emit(true, { config: loaded.config, paths: loaded.paths }, () => '');
    });
}

interface CurrentPolicy {
  readonly policy: Policy;
  /** How the gate's messages name it: a file name, or "release N". */
  readonly label: string;
}

async function gate(candidateFile: string, current: CurrentPolicy | null, flags: PromoteFlags): Promise<PromotionReport> {
  const maxFprIncrease = Number(flags.maxFprIncrease);
  if (!Number.isFinite(maxFprIncrease) || maxFprIncrease < 0 || maxFprIncrease > 1) throw new BulwarkError('CLI_USAGE', '--max-fpr-increase must be a rate between 0 and 1');
  if ((flags.data ?? []).length === 0 && (flags.reported ?? []).length === 0) {
    throw new BulwarkError('CLI_USAGE', 'give --reported (the prompts the patch must stop) and/or --data (sets that bound over-refusal); an unchecked promotion is `cp`');
  }
  const candidatePolicy = loadPolicyFile(candidateFile);
  const reported = (flags.reported ?? []).flatMap((file) => readEvalFile(file));
  const notFlag = reported.find((row) => row.expected !== 'flag');
  if (notFlag !== undefined) throw new BulwarkError('CLI_USAGE', `--reported rows must all be expected: flag (row ${notFlag.id} is not)`);
  const sets = (flags.data ?? []).map((file) => ({ file: path.basename(file), rows: readEvalFile(file) }));
  const { config, paths } = loadConfig({ ...loadOptionsFrom(flags), policyFile: candidateFile });
  const model = loadModelFile(paths.modelFile);
  const candidate = new Guard(candidatePolicy, model, config.guard);
  const currentGuard = current === null ? null : new Guard(current.policy, model, config.guard);
  const report = checkPromotion({ candidate, current: currentGuard, sets, reported }, { maxFprIncrease });
  // Predict the reload: a server started on the current policy sized its stream hold-back then, and
  // refuses a policy whose rules outgrow it. Promoting such a policy would leave it unenforced.
  const shortfall = currentGuard === null ? null : holdbackShortfall(candidate.rules.longestOutputMatchChars, gatewaySettings(config, currentGuard).holdbackChars);
  if (shortfall === null) return report;
  return { ...report, problems: [...report.problems, `${shortfall} a server started on ${current!.label} holds; it would refuse to reload this policy (shorten the rule, or set gateway.stream.holdbackChars and restart)`] };
}

/**
 * `--publish`: the gate compares against the newest release (before the first one, the configured
 * policy file, which is what servers serve until then), the promotion is recorded, and the candidate
 * becomes the next release unless another was published meanwhile (POLICY_RELEASE_CONFLICT: gate again).
 */
async function promoteToStore(candidateFile: string, flags: PromoteFlags): Promise<void> {
  const { store, audit, loaded } = await openAudit(flags);
  try {
    const signers = policySignersOf(loaded.config.guard.policySigners);
    // Before the gate's work: a release no server would trust is not worth gating.
    const identity = flags.dryRun === true && flags.identity === undefined && !process.env.BULWARK_IDENTITY ? null : await loadIdentity(identityPathOf(flags));
    if (identity !== null && !signers.has(identity.keyId)) {
      throw new BulwarkError(
        'POLICY_RELEASE_UNTRUSTED',
        `the identity's key ${identity.keyId.slice(0, 16)} is not in guard.policySigners, so servers would refuse a release it signs; nothing was published (add its public key, bulwark identity show FILE.pub, to every server's config)`,
      );
    }
    const release = await store.policyReleases.latest();
    const untrusted = release === null ? null : releaseSignatureProblem(release, signers);
    if (untrusted !== null) process.stderr.write(`warning: policy release ${release!.seq} ${untrusted}; servers are not running it. The gate compares against it all the same, and a release published now replaces it.\n`);
    const current: CurrentPolicy =
      release === null
        ? { policy: loaded.policy, label: path.basename(loaded.paths.policyFile) }
        : { policy: parsePolicyText(release.body, `policy release ${release.seq}`), label: `policy release ${release.seq}` };
    const report = await gate(candidateFile, current, flags);
    const passed = report.problems.length === 0;
    const promoted = passed && flags.dryRun !== true;
    // Numbered above every release the audit log remembers, so that after rows were deleted (which
    // replicas refuse as an edited table) the next release is one they take.
    const remembered = Math.max(...(await Promise.all([releaseOnRecord(store.db, 'policy.change'), releaseOnRecord(store.db, 'policy.promote')])).map((r) => r?.release ?? 0));
    const previousSeq = Math.max(release?.seq ?? 0, remembered);
    if (previousSeq > (release?.seq ?? 0)) {
      process.stderr.write(`warning: the audit log records policy release ${previousSeq}, but the store's newest is ${release?.seq ?? 'none'}: releases were deleted from the table. This release is numbered above it.\n`);
    }
    const seq = previousSeq + 1;
    if (promoted) {
      const candidate = loadPolicyFile(candidateFile);
      const fields = { seq, name: candidate.name, version: candidate.version, sha256: policyFingerprint(candidate).sha256, body: await readFile(candidateFile, 'utf8'), publishedBy: promoter(flags) };
      const signed = signPolicyRelease(identity!, fields);
      // Recorded before the release exists: a promotion the audit log refused does not happen.
      await recordPromotion(audit, flags, { release: seq, signer: signed.signerKeyId }, current.policy, candidate, report);
      const published = await store.policyReleases.publish({ ...fields, ...signed, previousSeq: previousSeq === 0 ? null : previousSeq });
      if (published === null) {
        throw new BulwarkError('POLICY_RELEASE_CONFLICT', `policy release ${seq} was published by someone else while ${candidateFile} was being gated against release ${release?.seq ?? '(none)'}; nothing was published, run the promotion again`);
      }
    }
    emit(flags.json === true, { ...report, promoted, release: promoted ? seq : null, signer: promoted ? identity!.keyId : null }, () =>
      formatPromotion(report, promoted, `released as policy release ${seq}, signed by key ${identity?.keyId.slice(0, 16)} (servers with guard.policySource: store put it in force as soon as PostgreSQL announces it, else within guard.policyWatchIntervalMs)`, 'nothing released'),
    );
    if (!passed) refuse(report, candidateFile, `policy release ${seq}`);
  } finally {
    await store.close();
  }
}

function refuse(report: PromotionReport, candidateFile: string, target: string): never {
  throw new BulwarkError('POLICY_PROMOTION_REFUSED', `${report.candidate} was not promoted to ${target}: ${report.problems[0]}`, {
    problems: report.problems.map((message) => ({ path: candidateFile, message })),
  });
}

async function openAudit(flags: PromoteFlags): Promise<{ store: Store; audit: AuditLog; loaded: LoadedConfig }> {
  const { loaded, store } = await openStoreFor(loadOptionsFrom(flags));
  return { store, loaded, audit: createAuditLog(store, { keyFile: path.join(loaded.paths.home, DEFAULT_AUDIT_LOG_KEY_FILE) }) };
}

const promoter = (flags: PromoteFlags): string => flags.promotedBy ?? userInfo().username;

/**
 * `policy.promote`: who replaced which policy with which, and the gate's evidence. The servers that
 * then load it each record what they put in force (`policy.change`, the same sha256).
 */
async function recordPromotion(audit: AuditLog, flags: PromoteFlags, to: PolicyOrigin, previous: Policy | null, candidate: Policy, report: PromotionReport): Promise<void> {
  const before = previous === null ? null : policyFingerprint(previous);
  await audit.append({
    type: 'policy.promote',
    actor: promoter(flags),
    subject: candidate.name,
    time: Date.now(),
    details: {
      ...policyFingerprint(candidate),
      ...to,
      previous: before === null ? null : { ...before },
      gate: {
        maxFprIncrease: Number(flags.maxFprIncrease),
        sets: report.sets.map((set) => ({ file: set.file, n: set.n, current: set.current && { ...set.current }, candidate: { ...set.candidate } })),
        reported: report.reported && { n: report.reported.n, variants: report.reported.variants, missed: report.reported.missed.length },
      },
    },
  });
}

/** Temp file beside the target, fsync, rename: a watching server never reads a half-written policy. Keeps the target's mode. */
async function replaceFile(target: string, bytes: Buffer): Promise<void> {
  const mode = existsSync(target) ? statSync(target).mode & 0o777 : 0o644;
  const temp = await createTempFile(target);
  try {
    await temp.handle.write(bytes, 0, bytes.length, 0);
    await temp.handle.chmod(mode);
    await commitTempFile(temp, target);
  } catch (error) {
    await discardTempFile(temp);
    throw error;
  }
}

function formatPromotion(report: PromotionReport, promoted: boolean, done: string, dryRun: string): string {
  const rate = (value: number | null): string => (value === null ? '   -  ' : value.toFixed(4));
  const lines = [`candidate ${report.candidate}   current ${report.current ?? '(none)'}`];
  if (report.sets.length > 0) {
    lines.push('', 'set                                  n   recall now → new     fpr now → new');
    for (const set of report.sets) {
      lines.push(`${set.file.padEnd(32)} ${String(set.n).padStart(6)}   ${rate(set.current?.recall ?? null)} → ${rate(set.candidate.recall)}   ${rate(set.current?.fpr ?? null)} → ${rate(set.candidate.fpr)}`);
    }
  }
  if (report.reported !== null) {
    const { n, variants, missed } = report.reported;
    lines.push('', `reported: ${n} prompts as ${variants} variants (as given and in ${variants / n - 1} obfuscation families), ${variants - missed.length} flagged`);
  }
  if (report.problems.length > 0) lines.push('', 'gate failed:', ...report.problems.map((problem) => `  ${problem}`));
  else if (promoted) lines.push('', `gate passed; ${done}`);
  else lines.push('', `gate passed; --dry-run: ${dryRun}`);
  return lines.join('\n');
}
