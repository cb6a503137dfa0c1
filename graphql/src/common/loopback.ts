import { isIP } from 'node:net';
import type { Request } from 'express';

/** Whether an address is this machine's own (127.0.0.0/8, ::1, or IPv4 on loopback written as IPv6). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(v4) === 4) return v4.startsWith('127.');
  return address === '::1';
}

/**
 * Whether a request comes from this machine directly: the socket's own address, and no proxy in
 * between (a proxy on this machine forwarding the public's requests would lend them its loopback).
 */
export function isDirectLocal(req: Pick<Request, 'headers' | 'socket'>): boolean {
  const proxied = req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined;
  return !proxied && isLoopback(req.socket.remoteAddress);
}
