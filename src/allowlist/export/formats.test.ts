import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { AllowlistEntry } from '../allowlist.js';
import { exportAllowlist } from './formats.js';

const base = { signer: null, addedBy: 'a'.repeat(64), approvedBy: ['b'.repeat(64)], changeId: 'alc_1', createdAt: 1 };
const ENTRIES: AllowlistEntry[] = [
  { ...base, id: 'alw_1', kind: 'file', sha256: '61a9960bf7d255a85811f4afcac51067b8f2e4c75e21cf4f2af95319d4ed1b87', name: 'trainer', owner: 'ml-infra', pathPattern: null, path: '/opt/trainer/bin/train', size: 157984 },
  { ...base, id: 'alw_2', kind: 'file', sha256: 'ab'.repeat(32), name: 'loader "x"\nevil', owner: 'ml', pathPattern: null, path: null, size: null },
  { ...base, id: 'alw_3', kind: 'oci-image', sha256: 'cd'.repeat(32), name: 'server', owner: 'serving', pathPattern: 'registry.example.com/serving/server', path: null, size: null },
];

const contents = (files: { name: string; contents: string }[], suffix: string): string => files.find((f) => f.name.endsWith(suffix))!.contents;
const meaningful = (text: string): string[] => text.split('\n').filter((l) => l !== '' && !l.startsWith('#'));

describe('fapolicyd export', () => {
  // fapolicyd.trust(5) (manpages.ubuntu.com/manpages/noble/man5/fapolicyd.trust.5.html): "Each line has to
  // contain three columns and space is a valid separator. The first column contains full path to the file,
  // the second is size of the file in bytes and the third is valid sha256 hash." Example:
  // /home/user/my-ls 157984 61a9960bf7d255a85811f4afcac51067b8f2e4c75e21cf4f2af95319d4ed1b87
  it('writes trust lines in the documented three-column form', () => {
    const trust = contents(exportAllowlist('fapolicyd', ENTRIES, { mode: 'monitor' }), 'trust.d/bulwark');
    expect(meaningful(trust)).toEqual(['/opt/trainer/bin/train 157984 61a9960bf7d255a85811f4afcac51067b8f2e4c75e21cf4f2af95319d4ed1b87']);
    for (const line of meaningful(trust)) expect(line).toMatch(/^\/\S+ \d+ [0-9a-f]{64}$/);
  });

  // fapolicyd.rules(5): "decision perm subject : object"; decisions allow, deny, allow_audit, deny_audit,
  // allow_syslog, deny_syslog, allow_log, deny_log; perm open, execute or any; object may be sha256hash=.
  const RULE = /^(allow|deny|allow_audit|deny_audit|allow_syslog|deny_syslog|allow_log|deny_log) perm=(open|execute|any) all : (all|sha256hash=[0-9a-f]{64})$/;
  it('writes rules in the documented grammar; monitor mode never denies, enforce mode ends with a deny', () => {
    const monitor = meaningful(contents(exportAllowlist('fapolicyd', ENTRIES, { mode: 'monitor' }), '.rules'));
    const enforce = meaningful(contents(exportAllowlist('fapolicyd', ENTRIES, { mode: 'enforce' }), '.rules'));
    for (const line of [...monitor, ...enforce]) expect(line).toMatch(RULE);
    expect(monitor.some((l) => l.startsWith('deny'))).toBe(false);
    expect(monitor).toHaveLength(3);
    expect(enforce.at(-1)).toBe('deny_audit perm=execute all : all');
    expect(enforce[0]).toBe(`allow perm=execute all : sha256hash=${ENTRIES[0]!.sha256}`);
  });
});

describe('IMA export', () => {
  // Documentation/ABI/testing/ima_policy (kernel.org): "rule format: action [condition ...]
  // action: measure | dont_measure | appraise | dont_appraise | audit | ..."; base conditions func=, mask=;
  // option appraise_type:= [imasig]. RHEL's example: "appraise func=BPRM_CHECK appraise_type=imasig".
  const ACTIONS = new Set(['measure', 'dont_measure', 'appraise', 'dont_appraise', 'audit', 'dont_audit', 'hash', 'dont_hash']);
  const FUNCS = new Set(['BPRM_CHECK', 'MMAP_CHECK', 'CREDS_CHECK', 'FILE_CHECK', 'MODULE_CHECK', 'FIRMWARE_CHECK']);
  function parseImaRule(line: string): void {
    const [action, ...conditions] = line.split(' ');
    expect(ACTIONS.has(action!), line).toBe(true);
    for (const condition of conditions) {
      const [key, value] = condition.split('=');
      if (key === 'func') expect(FUNCS.has(value!), line).toBe(true);
      else if (key === 'mask') expect(value).toMatch(/^\^?MAY_(READ|WRITE|APPEND|EXEC)$/);
      else if (key === 'appraise_type') expect(value).toBe('imasig');
      else throw new Error(`unexpected condition ${condition}`);
    }
  }
  it('writes policy lines in the documented grammar; only enforce mode appraises', () => {
    const monitor = exportAllowlist('ima', ENTRIES, { mode: 'monitor' });
    const enforce = exportAllowlist('ima', ENTRIES, { mode: 'enforce' });
    for (const line of [...meaningful(monitor[0]!.contents), ...meaningful(enforce[0]!.contents)]) parseImaRule(line);
    expect(monitor[0]!.contents).not.toContain('appraise');
    expect(enforce[0]!.contents).toContain('appraise func=BPRM_CHECK appraise_type=imasig');
    expect(meaningful(monitor[1]!.contents)).toEqual([`${ENTRIES[0]!.sha256}  /opt/trainer/bin/train`, `${'ab'.repeat(32)}  loader "x" evil`]);
  });
});

describe('Santa export', () => {
  // Santa rule fields (northpolesec/santa docs, "Rules"): identifier = SHA-256 of the binary for
  // rule_type BINARY; policy ALLOWLIST; custom_msg shown to the user. `santactl rule --import` reads
  // {"rules": [ ... ]}.
  it('writes one BINARY ALLOWLIST rule per file entry', () => {
    const parsed = JSON.parse(exportAllowlist('santa', ENTRIES, { mode: 'monitor' })[0]!.contents) as { rules: Record<string, unknown>[] };
    expect(parsed.rules).toHaveLength(2);
    for (const rule of parsed.rules) {
      expect(Object.keys(rule).sort()).toEqual(['custom_msg', 'identifier', 'policy', 'rule_type']);
      expect(rule).toMatchObject({ policy: 'ALLOWLIST', rule_type: 'BINARY', identifier: expect.stringMatching(/^[0-9a-f]{64}$/) });
    }
  });
});

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec: {
    matchConstraints: { resourceRules: Record<string, unknown>[] };
    validations: { expression: string }[];
    policyName?: string;
    validationActions?: string[];
  };
}

describe('Kubernetes export', () => {
  // kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/: a ValidatingAdmissionPolicy
  // (admissionregistration.k8s.io/v1, stable since v1.30) with matchConstraints.resourceRules and CEL
  // validations[].expression, plus a ValidatingAdmissionPolicyBinding with policyName and
  // validationActions (Deny, Warn, Audit).
  it('writes a policy and binding; monitor binds Audit+Warn, enforce binds Deny', () => {
    for (const [mode, actions] of [['monitor', ['Audit', 'Warn']], ['enforce', ['Deny']]] as const) {
      const docs = parseAllDocuments(exportAllowlist('k8s', ENTRIES, { mode })[0]!.contents).map((d) => d.toJS() as K8sObject);
      expect(docs.map((d) => [d.apiVersion, d.kind])).toEqual([
        ['admissionregistration.k8s.io/v1', 'ValidatingAdmissionPolicy'],
        ['admissionregistration.k8s.io/v1', 'ValidatingAdmissionPolicyBinding'],
      ]);
      const [policy, binding] = docs as [K8sObject, K8sObject];
      expect(policy.spec.matchConstraints.resourceRules[0]!).toMatchObject({ apiGroups: [''], resources: ['pods'] });
      expect(policy.spec.validations[0]!.expression).toContain(`'sha256:${'cd'.repeat(32)}'`);
      expect(policy.spec.validations[0]!.expression).not.toContain(ENTRIES[0]!.sha256);
      expect(binding.spec).toEqual({ policyName: policy.metadata.name, validationActions: actions });
    }
  });

  it('refuses an allowlist with no image entries', () => {
    expect(() => exportAllowlist('k8s', ENTRIES.slice(0, 2), { mode: 'monitor' })).toThrow(expect.objectContaining({ code: 'ALLOWLIST_EXPORT_INVALID' }));
  });
});
