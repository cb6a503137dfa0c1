import { isIPv4, isIPv6 } from 'node:net';

/**
 * The network a client address stands for when counting what it does: an IPv4 address itself, an
 * IPv6 address's /64 (one subscriber gets a whole /64, and could take a new address per attempt).
 */
export function clientNetwork(address: string | undefined): string {
  if (!address) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return mapped;
  if (isIPv4(address) || !isIPv6(address)) return address;
  const [head = '', tail = ''] = address.split('%')[0]!.split('::');
  const groups = (part: string) => (part ? part.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g])) : []);
  const left = groups(head);
  const full = address.includes('::')
    ? [...left, ...Array(8 - left.length - groups(tail).length).fill('0'), ...groups(tail)]
    : left;
  return `${full
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}
