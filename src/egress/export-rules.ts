import type { EgressConfig } from './config.js';
import { parseListen } from './config.js';

/**
 * Enforcement below the proxy, so a workload that ignores the proxy still meets a cap: tc shaping
 * on the interface at the enclave rate, nftables letting only the proxy's user reach the network,
 * and Kubernetes bandwidth annotations plus a NetworkPolicy that admits egress to the proxy only.
 */
export type ExportFormat = 'tc' | 'nftables' | 'k8s';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['tc', 'nftables', 'k8s'];

export interface ExportOptions {
  readonly interface?: string;
  /** The OS user the proxy runs as (nftables `meta skuid`). */
  readonly proxyUser?: string;
  readonly namespace?: string;
}

/** Kernel `tc` wants integer bits per second. */
function bitsPerSecond(bytesPerSecond: number): string {
  return `${Math.floor(bytesPerSecond * 8)}bit`;
}

export function exportRules(config: EgressConfig, format: ExportFormat, options: ExportOptions = {}): string {
  switch (format) {
    case 'tc':
      return exportTc(config, options.interface ?? 'eth0');
    case 'nftables':
      return exportNftables(config, options.proxyUser ?? 'bulwark');
    case 'k8s':
      return exportKubernetes(config, options.namespace ?? 'default');
  }
}

function exportTc(config: EgressConfig, device: string): string {
  const rate = bitsPerSecond(config.enclave.rate);
  const lines = [
    `# Enclave upload cap ${config.enclave.rate} B/s on ${device}; identities share it (the proxy splits it per identity).`,
    `tc qdisc replace dev ${device} root handle 1: htb default 10`,
    `tc class replace dev ${device} parent 1: classid 1:10 htb rate ${rate} ceil ${rate} burst ${config.enclave.burst}b`,
  ];
  return `${lines.join('\n')}\n`;
}

function exportNftables(config: EgressConfig, proxyUser: string): string {
  const { port } = parseListen(config.listen);
  return [
    'table inet bulwark_egress {',
    '  chain output {',
    '    type filter hook output priority 0; policy drop;',
    '    oif "lo" accept',
    '    ct state established,related accept',
    `    tcp dport ${port} ip daddr 127.0.0.1 accept comment "workloads reach the egress proxy"`,
    `    meta skuid "${proxyUser}" accept comment "only the proxy reaches the network"`,
    '  }',
    '}',
    '',
  ].join('\n');
}

function exportKubernetes(config: EgressConfig, namespace: string): string {
  const { port } = parseListen(config.listen);
  const identities = Object.entries(config.identities).map(([name, e]) =>
    [
      `# identity ${name}: add to its pod template`,
      'metadata:',
      '  annotations:',
      `    kubernetes.io/egress-bandwidth: "${Math.max(1, Math.floor((e.rate * 8) / 1e6))}M"`,
      '  labels:',
      `    bulwark.dev/egress-identity: "${name}"`,
    ].join('\n'),
  );
  const policy = [
    'apiVersion: networking.k8s.io/v1',
    'kind: NetworkPolicy',
    'metadata:',
    '  name: bulwark-egress-only-via-proxy',
    `  namespace: ${namespace}`,
    'spec:',
    '  podSelector:',
    '    matchExpressions: [{ key: bulwark.dev/egress-identity, operator: Exists }]',
    '  policyTypes: [Egress]',
    '  egress:',
    '    - to: [{ podSelector: { matchLabels: { app: bulwark-egress } } }]',
    `      ports: [{ protocol: TCP, port: ${port} }]`,
  ].join('\n');
  return `${[...identities, '---', policy].join('\n')}\n`;
}
