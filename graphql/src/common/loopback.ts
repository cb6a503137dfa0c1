import { isIP } from 'node:net';

/** Whether an address is this machine's own (127.0.0.0/8, ::1, or IPv4 on loopback written as IPv6). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(v4) === 4) return v4.startsWith('127.');
  return address === '::1';
}
