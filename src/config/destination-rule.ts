import { BlockList, isIP } from 'node:net';

/**
 * Default-deny destination rules. An entry is `HOST:PORTS` where HOST is an exact name, a `*.suffix`
 * wildcard, `*`, an IP address or a CIDR (IPv6 in brackets), and PORTS is a port, a range `a-b` or `*`.
 */
export interface DestinationRule {
  readonly source: string;
  readonly host: HostMatcher;
  readonly ports: { readonly from: number; readonly to: number };
}

export type HostMatcher =
  | { readonly kind: 'any' }
  | { readonly kind: 'exact'; readonly name: string }
  | { readonly kind: 'suffix'; readonly suffix: string }
  | { readonly kind: 'cidr'; readonly list: BlockList; readonly family: 'ipv4' | 'ipv6' };

const HOSTNAME = /^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,62})(\.[a-z0-9_]([a-z0-9_-]{0,62}))*\.?$/;

/** The rule, or a one-line reason it cannot be parsed (for the config problem list). */
export function parseDestinationRule(source: string): DestinationRule | string {
  const split = splitHostPort(source);
  if (typeof split === 'string') return split;
  const ports = parsePorts(split.port);
  if (typeof ports === 'string') return ports;
  const host = parseHostMatcher(split.host.toLowerCase());
  if (typeof host === 'string') return host;
  return Object.freeze({ source, host, ports });
}

function splitHostPort(source: string): { host: string; port: string } | string {
  const bracketed = /^\[([^\]]+)\](?:\/(\d{1,3}))?:(.+)$/.exec(source);
  if (bracketed) return { host: bracketed[2] === undefined ? bracketed[1]! : `${bracketed[1]!}/${bracketed[2]}`, port: bracketed[3]! };
  const colon = source.lastIndexOf(':');
  if (colon <= 0) return `"${source}" must be HOST:PORT (use "*" for any port)`;
  return { host: source.slice(0, colon), port: source.slice(colon + 1) };
}

function parsePorts(text: string): { from: number; to: number } | string {
  if (text === '*') return { from: 1, to: 65_535 };
  const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text);
  const from = match ? Number(match[1]) : NaN;
  const to = match?.[2] === undefined ? from : Number(match[2]);
  if (!(from >= 1 && to <= 65_535 && from <= to)) return `port "${text}" must be 1-65535, a range a-b or "*"`;
  return { from, to };
}

function parseHostMatcher(host: string): HostMatcher | string {
  if (host === '*') return { kind: 'any' };
  if (host.includes('/')) return parseCidr(host);
  if (isIP(host) !== 0) return { kind: 'exact', name: host };
  if (host.startsWith('*.')) {
    const suffix = host.slice(1);
    return HOSTNAME.test(suffix.slice(1)) ? { kind: 'suffix', suffix } : `"${host}" is not a valid wildcard host`;
  }
  return HOSTNAME.test(host) ? { kind: 'exact', name: host.replace(/\.$/, '') } : `"${host}" is not a valid host name`;
}

function parseCidr(text: string): HostMatcher | string {
  const [address = '', bitsText = ''] = text.split('/');
  const version = isIP(address);
  const bits = Number(bitsText);
  const max = version === 6 ? 128 : 32;
  if (version === 0 || !/^\d{1,3}$/.test(bitsText) || bits > max) return `"${text}" is not a valid CIDR`;
  const family = version === 6 ? 'ipv6' : 'ipv4';
  const list = new BlockList();
  list.addSubnet(address, bits, family);
  return { kind: 'cidr', list, family };
}
