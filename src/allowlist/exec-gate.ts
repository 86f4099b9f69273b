import { spawn, type StdioOptions } from 'node:child_process';
import { systemClock, type Clock } from '../core/clock.js';
import { BulwarkError, isBulwarkError } from '../core/errors.js';
import type { AllowlistCheck, AllowlistService } from './allowlist.js';
import { chooseArtifactRoot, materializeArtifact, sweepStaleArtifacts, type ArtifactSource, type MaterializedArtifact } from './artifact-file.js';
import { codeLoadingVariables, DEFAULT_EXEC_PATH, resolveProgramIdentity, type ProgramIdentity } from './identity.js';
import { appendOrRefuse, type AllowlistAuditSink, type AuditDetail } from './ports.js';

export const ARTIFACT_PATH_ENV = 'BULWARK_ARTIFACT_PATH';
const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export interface ExecGateOptions {
  readonly allowlist: Pick<AllowlistService, 'check'>;
  readonly audit: AllowlistAuditSink;
  readonly clock?: Clock;
  /** Where the private artifact directory may go, first usable wins; default `/dev/shm`, else os.tmpdir(). */
  readonly artifactRoots?: readonly string[];
  /** Forward SIGINT/SIGTERM/SIGHUP to the child while it runs (a second one SIGKILLs it). Default true. */
  readonly handleParentSignals?: boolean;
}

export interface ExecRequest {
  readonly command: string;
  readonly args: readonly string[];
  readonly artifact: ArtifactSource;
  /** The child's whole environment (nothing is inherited); PATH from here finds the command. */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly stdio?: StdioOptions;
  /** Who asked (key id), for the audit log. */
  readonly actor?: string | null;
  /** Which artifact and grant, for the audit log. */
  readonly artifactId?: string | null;
  readonly grantId?: string | null;
  /** Called once the child runs; `bulwark exec` ignores it, tests use it to kill the child. */
  readonly onStart?: (started: { readonly pid: number; readonly artifactPath: string }) => void;
}

export interface ExecResult {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly identity: ProgramIdentity;
}

export interface ExecGate {
  /**
   * Checks every file that will run, then materializes the artifact, runs the command with
   * BULWARK_ARTIFACT_PATH set, and removes the file when the command exits or is killed.
   */
  runAllowlisted(request: ExecRequest): Promise<ExecResult>;
  /** Identity and allowlist verdict only: nothing is decrypted, nothing runs, nothing is audited. */
  checkCommand(request: Pick<ExecRequest, 'command' | 'args' | 'env' | 'cwd'>): Promise<{ identity: ProgramIdentity; check: AllowlistCheck }>;
}

export function createExecGate(options: ExecGateOptions): ExecGate {
  const clock = options.clock ?? systemClock;
  const root = chooseArtifactRoot(options.artifactRoots);
  const handleSignals = options.handleParentSignals ?? true;

  async function identify(request: Pick<ExecRequest, 'command' | 'args' | 'env' | 'cwd'>): Promise<ProgramIdentity> {
    const loading = codeLoadingVariables(request.env);
    if (loading.length > 0) {
      throw new BulwarkError('ALLOWLIST_UNVERIFIABLE_CODE', `Refused: the environment sets ${loading.join(', ')}, which loads code that is not hashed.`);
    }
    return resolveProgramIdentity(request.command, request.args, { cwd: request.cwd, path: request.env.PATH ?? DEFAULT_EXEC_PATH });
  }

  async function refuse(request: ExecRequest, error: BulwarkError, details: { readonly [key: string]: AuditDetail }): Promise<never> {
    try {
      await appendOrRefuse(options.audit, {
        type: 'allowlist.exec_refused',
        actor: request.actor ?? null,
        subject: request.artifactId ?? null,
        time: clock.now(),
        details: { command: request.command, args: [...request.args], grantId: request.grantId ?? null, code: error.code, reason: error.message, ...details },
      });
    } catch (auditError) {
      // Still refused; the caller learns the refusal, the log failure rides along as its cause.
      throw new BulwarkError(error.code, error.message, { problems: error.problems, cause: auditError });
    }
    throw error;
  }

  return {
    async checkCommand(request) {
      const identity = await identify(request);
      return { identity, check: await options.allowlist.check(identity) };
    },

    async runAllowlisted(request) {
      let identity: ProgramIdentity;
      try {
        identity = await identify(request);
      } catch (error) {
        if (isBulwarkError(error)) return refuse(request, error, {});
        throw error;
      }
      const check = await options.allowlist.check(identity);
      if (!check.allowed) return refuse(request, notAllowlisted(check), { missing: check.missing.map((m) => ({ ...m })) });

      await appendOrRefuse(options.audit, {
        type: 'allowlist.exec',
        actor: request.actor ?? null,
        subject: request.artifactId ?? null,
        time: clock.now(),
        details: {
          command: request.command,
          args: [...request.args],
          grantId: request.grantId ?? null,
          components: identity.components.map((c) => ({ role: c.role, path: c.path, sha256: c.sha256 })),
          entries: [...check.matched],
        },
      });
      await sweepStaleArtifacts(root).catch(() => []);
      const artifact = await materializeArtifact(request.artifact, root, process.pid);
      return runChild(identity, request, artifact, handleSignals);
    },
  };
}

function notAllowlisted(check: AllowlistCheck): BulwarkError {
  const problems = check.missing.map((m) => ({ path: m.path, message: `${m.role} (${m.requestedAs}) with SHA-256 ${m.sha256} is not allowlisted` }));
  const names = check.missing.map((m) => `${m.role} ${m.path}`).join(', ');
  return new BulwarkError('ALLOWLIST_NOT_ALLOWLISTED', `Refused: not allowlisted: ${names === '' ? 'nothing to run' : names}.`, { problems });
}

/**
 * Runs the exact file that was hashed (its real path, not a fresh PATH lookup). The artifact file goes
 * when the child exits for any reason, SIGKILL included; a parent SIGINT/SIGTERM is forwarded and the
 * file removed once the child is gone; a process 'exit' handler removes it if the parent dies first.
 */
function runChild(identity: ProgramIdentity, request: ExecRequest, artifact: MaterializedArtifact, handleSignals: boolean): Promise<ExecResult> {
  return new Promise<ExecResult>((resolvePromise, reject) => {
    const child = spawn(identity.executable, [...identity.args], {
      argv0: request.command,
      cwd: request.cwd,
      env: { ...request.env, [ARTIFACT_PATH_ENV]: artifact.path },
      stdio: request.stdio ?? 'inherit',
    });
    let forwarded = 0;
    const onSignal = (signal: NodeJS.Signals): void => {
      forwarded += 1;
      child.kill(forwarded === 1 ? signal : 'SIGKILL');
    };
    const onExit = (): void => artifact.removeSync();
    process.on('exit', onExit);
    if (handleSignals) for (const signal of FORWARDED_SIGNALS) process.on(signal, onSignal);
    const finish = (): void => {
      process.off('exit', onExit);
      if (handleSignals) for (const signal of FORWARDED_SIGNALS) process.off(signal, onSignal);
    };
    child.once('error', (error) => {
      void artifact.remove().then(() => {
        finish();
        reject(new BulwarkError('ALLOWLIST_EXEC_FAILED', `The command ${request.command} could not be started.`, { cause: error }));
      });
    });
    child.once('spawn', () => {
      if (child.pid !== undefined) request.onStart?.({ pid: child.pid, artifactPath: artifact.path });
    });
    child.once('exit', (exitCode, signal) => {
      void artifact.remove().then(() => {
        finish();
        resolvePromise({ exitCode, signal, identity });
      });
    });
  });
}
