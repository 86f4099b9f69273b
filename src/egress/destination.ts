import { isIP } from 'node:net';
import type { DestinationRule, HostMatcher } from '../config/destination-rule.js';

/**
 * Whether `host:port` is allowed. The host is the one the client asked for, normalised here; a name
 * is never resolved to match a CIDR rule, so DNS cannot widen what a rule allows.
 */
export function isDestinationAllowed(rules: readonly DestinationRule[], host: string, port: number): boolean {
  const name = normaliseHost(host);
  return rules.some((rule) => port >= rule.ports.from && port <= rule.ports.to && hostMatches(rule.host, name));
}

export function normaliseHost(host: string): string {
  const unbracketed = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  return unbracketed.toLowerCase().replace(/\.$/, '');
}

function hostMatches(matcher: HostMatcher, name: string): boolean {
  switch (matcher.kind) {
    case 'any':
      return true;
    case 'exact':
      return matcher.name === name;
    case 'suffix':
      return name.endsWith(matcher.suffix) && name.length > matcher.suffix.length;
    case 'cidr': {
      const version = isIP(name);
      if (version === 0 || (version === 6) !== (matcher.family === 'ipv6')) return false;
      return matcher.list.check(name, matcher.family);
    }
  }
}

/** A host pattern without ports (for per-destination caps): exact, `*.suffix` or `*`. */
export function hostPatternMatches(pattern: string, host: string): boolean {
  const name = normaliseHost(host);
  const p = pattern.toLowerCase();
  if (p === '*') return true;
  if (p.startsWith('*.')) return name.endsWith(p.slice(1)) && name.length > p.length - 1;
  return name === p;
}
