import type { IncomingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';

/** `host:port` of a CONNECT request (RFC 9110 §9.3.6 authority-form); null when malformed. */
export function parseConnectTarget(target: string | undefined): { host: string; port: number } | null {
  if (target === undefined || target.length > 300) return null;
  const match = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+):(\d{1,5})$/.exec(target);
  if (!match) return null;
  const port = Number(match[2]);
  const host = match[1]!.startsWith('[') ? match[1]!.slice(1, -1) : match[1]!;
  if (port < 1 || port > 65_535) return null;
  if (match[1]!.startsWith('[') && isIP(host) !== 6) return null;
  return { host, port };
}

/** An absolute-form `http://` target (RFC 9112 §3.2.2); null for anything else. */
export function parseAbsoluteTarget(target: string | undefined): URL | null {
  if (target === undefined || !/^http:\/\//i.test(target)) return null;
  try {
    const url = new URL(target);
    return url.hostname.length > 0 && url.username === '' && url.password === '' ? url : null;
  } catch {
    return null;
  }
}

/**
 * Identity and token from `Proxy-Authorization: Basic base64(identity:token)`. The header is
 * attacker-controlled: bounded before decoding, and anything unusual is treated as absent.
 */
export function parseProxyAuthorization(header: string | undefined): { identity: string; token: string } | null {
  if (header === undefined || header.length > 1024) return null;
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return null;
  return { identity: decoded.slice(0, colon), token: decoded.slice(colon + 1) };
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authorization',
  'proxy-authenticate',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** Headers to forward upstream: hop-by-hop ones (RFC 9110 §7.6.1) and our credential removed. */
export function forwardableHeaders(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const named = new Set((headers.connection ?? '').split(',').map((h) => h.trim().toLowerCase()));
  const out: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!HOP_BY_HOP.has(name) && !named.has(name)) out[name] = value;
  }
  return out;
}

/** Bytes a request carries outside its body (URL and headers) — an exfiltration channel too. */
export function headerBytes(url: string, headers: IncomingHttpHeaders): number {
  let total = Buffer.byteLength(url);
  for (const [name, value] of Object.entries(headers)) total += name.length + Buffer.byteLength(Array.isArray(value) ? value.join(',') : (value ?? ''));
  return total;
}
