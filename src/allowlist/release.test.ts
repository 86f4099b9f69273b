import { describe, expect, it } from 'vitest';
import type { BulwarkError } from '../core/errors.js';
import { probeEgressPosture } from './egress-posture.js';
import { RecordingAudit } from './testing/fixture.js';
import { createReleasePolicy, decodeProgramClaim, encodeProgramClaim, programClaimDigest, releaseTarget, type ProgramClaim } from './release.js';

const NOW = 1_800_000_000_000;
const sha = 'a'.repeat(64);
const claim: ProgramClaim = { purpose: 'exec', components: [{ role: 'interpreter', path: '/usr/bin/node', requestedAs: 'node', sha256: sha, size: 1 }] };
const fakeFetch = (body: unknown, status = 200): typeof fetch => (() => Promise.resolve(new Response(JSON.stringify(body), { status })));
const goodStatus = (ageSeconds: number, passed = true) => ({
  healthy: true,
  capsEnforced: true,
  lastSelftest: { at: NOW - ageSeconds * 1000, passed, measuredBytesPerSecond: 2e6, capBytesPerSecond: 2e6 },
});

describe('egress posture', () => {
  const probe = (body: unknown, status = 200) => probeEgressPosture({ statusUrl: 'http://egress', maxSelftestAgeSeconds: 900, now: NOW, fetchImpl: fakeFetch(body, status) });

  it('is good only when healthy, enforcing, and a passing self-test is recent enough', async () => {
    expect((await probe(goodStatus(60))).ok).toBe(true);
    expect((await probe(goodStatus(901))).problem).toContain('901 s old');
    expect((await probe(goodStatus(60, false))).problem).toContain('self-test failed');
    expect((await probe({ ...goodStatus(60), capsEnforced: false })).problem).toContain('does not enforce');
    expect((await probe({ ...goodStatus(60), healthy: false })).problem).toContain('unhealthy');
    expect((await probe({ healthy: true, capsEnforced: true, lastSelftest: null })).problem).toContain('no self-test');
    expect((await probe({ nope: 1 })).problem).toContain('not a status document');
    expect((await probe(goodStatus(60), 503)).problem).toContain('HTTP 503');
  });

  it('names the URL when the proxy cannot be reached', async () => {
    const posture = await probeEgressPosture({ statusUrl: 'http://127.0.0.1:1/', maxSelftestAgeSeconds: 900, now: NOW, timeoutMs: 500 });
    expect(posture).toMatchObject({ ok: false, problem: 'proxy status unreachable at http://127.0.0.1:1/status' });
  });
});

describe('release policy', () => {
  function setup(options: { allowed: boolean; egress?: unknown; requiredForVaultGet?: boolean }) {
    const audit = new RecordingAudit();
    let grantUses = 0;
    const policy = createReleasePolicy({
      allowlist: { check: () => Promise.resolve({ allowed: options.allowed, matched: options.allowed ? ['alw_1'] : [], missing: options.allowed ? [] : [{ role: 'script', path: '/x.py', requestedAs: 'x.py', sha256: sha }] }) },
      audit,
      requiredForVaultGet: options.requiredForVaultGet ?? true,
      egress: { requiredForRelease: options.egress !== undefined, statusUrl: 'http://egress', maxSelftestAgeSeconds: 900 },
      clock: { now: () => NOW },
      fetchImpl: fakeFetch(options.egress ?? {}),
    });
    const authorize = (program: ProgramClaim | null) =>
      policy.authorize({ artifact: { id: 'art_1', name: 'weights', sha256: sha }, grantId: 'req_1', actor: 'k'.repeat(64), program, verifyGrant: () => Promise.resolve((grantUses += 1)) });
    return { audit, authorize, uses: () => grantUses };
  }

  it('releases with all three proofs in one audit event', async () => {
    const s = setup({ allowed: true, egress: goodStatus(10) });
    await s.authorize(claim);
    expect(s.uses()).toBe(1);
    expect(s.audit.types()).toEqual(['allowlist.exec']);
    expect(s.audit.events[0]!.details).toMatchObject({ decision: 'release', proofs: { grant: { status: 'verified' }, program: { status: 'allowlisted' }, egress: { status: 'verified', ok: true } } });
  });

  it('refuses an unlisted program or a bad egress posture before a grant use is spent, naming the proof', async () => {
    const unlisted = setup({ allowed: false });
    await expect(unlisted.authorize(claim)).rejects.toThrow(/program identity not allowlisted: script \/x.py/);
    const stale = setup({ allowed: true, egress: goodStatus(5000) });
    await expect(stale.authorize(claim)).rejects.toThrow(/egress posture unverified/);
    for (const s of [unlisted, stale]) {
      expect(s.uses()).toBe(0);
      expect(s.audit.types()).toEqual(['allowlist.exec_refused']);
    }
    const error = await unlisted.authorize(claim).catch((e: unknown) => e);
    expect((error as BulwarkError).code).toBe('ALLOWLIST_RELEASE_REFUSED');
  });

  it('checks vault get programs unless turned off, and then requires one that is allowlisted', async () => {
    const off = setup({ allowed: false, requiredForVaultGet: false });
    await off.authorize(null);
    expect(off.uses()).toBe(1);
    const on = setup({ allowed: true, requiredForVaultGet: true });
    await expect(on.authorize(null)).rejects.toThrow(/program identity unverified/);
    const unlistedCli = setup({ allowed: false, requiredForVaultGet: true });
    await expect(unlistedCli.authorize({ ...claim, purpose: 'vault-get' })).rejects.toThrow(/program identity not allowlisted: script \/x.py .*bulwark allowlist add --self/);
    expect(unlistedCli.uses()).toBe(0);
  });

  it('binds the claim into the signed target and parses the header strictly', () => {
    expect(releaseTarget('w', 'g', null)).toBe('w#g');
    expect(releaseTarget('w', 'g', claim)).toBe(`w#g#program:${programClaimDigest(claim)}`);
    expect(decodeProgramClaim(encodeProgramClaim(claim))).toEqual(claim);
    expect(decodeProgramClaim(undefined)).toBeNull();
    expect(() => decodeProgramClaim(Buffer.from(JSON.stringify({ ...claim, extra: 1 })).toString('base64url'))).toThrow(/program identity unverified/);
  });
});
