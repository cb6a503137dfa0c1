// Sandbox-safe: the channels requests come in on, and those an analyst opens a procedure to.
import type { ModelProblem } from '../runtime/types.ts';

/**
 * Every channel a person files a request on: online (the portal's form, an Open311 app), through an
 * agent (counter, phone, post, fax, an e-mail registered by hand), or by message to the intake
 * (e-mail, SMS). Requests a procedure's own timer starts come in on no channel and are not listed.
 */
export const CHANNELS = ['web', 'open311', 'counter', 'phone', 'post', 'fax', 'email', 'sms'] as const;

export type Channel = (typeof CHANNELS)[number];

/**
 * The channels a procedure is open to, from its `channels` zeebe:property (names separated by
 * commas), in the order of CHANNELS. Without the property every channel is open, so procedures
 * drawn before it keep working. An unknown name, or none at all, is a problem naming the property.
 */
export function openChannels(properties: Record<string, string>, problems: ModelProblem[] = []): Channel[] {
  const value = properties.channels;
  if (value === undefined) return [...CHANNELS];
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !(CHANNELS as readonly string[]).includes(name));
  if (names.length === 0 || unknown.length > 0) {
    problems.push({
      code: 'INVALID_SETTING',
      message: `Property "channels" must list channels among ${CHANNELS.join(', ')}, separated by commas, not "${value}". Fix it in the properties panel.`,
      messageFr: `La propriété « channels » doit citer des canaux parmi ${CHANNELS.join(', ')}, séparés par des virgules, pas « ${value} ». Corrigez-la dans le panneau des propriétés.`,
    });
  }
  return CHANNELS.filter((channel) => names.includes(channel));
}
