import { type Channel, openChannels, type ProcessIR } from '@parvis/engine';
import { userError } from '../common/errors.ts';

/** How a refusal says each channel, French then English: « par téléphone » / "by phone". */
const BY: Record<Channel, { fr: string; en: string }> = {
  web: { fr: 'en ligne', en: 'online' },
  open311: { fr: 'par une application Open311', en: 'through an Open311 app' },
  counter: { fr: 'au guichet', en: 'at the counter' },
  phone: { fr: 'par téléphone', en: 'by phone' },
  post: { fr: 'par courrier', en: 'by post' },
  fax: { fr: 'par télécopie', en: 'by fax' },
  email: { fr: 'par courriel', en: 'by e-mail' },
  sms: { fr: 'par SMS', en: 'by SMS' },
};

const list = (channels: Channel[], lang: 'fr' | 'en', or: string) => {
  const words = channels.map((c) => BY[c][lang]);
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} ${or} ${words.at(-1)}` : (words[0] ?? '');
};

/**
 * Refuses a request on a channel the procedure's version is not open to (its `channels` setting,
 * ticked in the designer's « Parvis — canaux » group), naming the procedure, the channel and the open ones.
 */
export function checkChannel(
  procedure: { key: string; title_fr: string; title_en: string },
  ir: ProcessIR,
  channel: Channel,
): void {
  const open = openChannels(ir.properties);
  if (open.includes(channel)) return;
  throw userError(
    'CHANNEL_NOT_ALLOWED',
    `La démarche « ${procedure.title_fr} » ne se fait pas ${BY[channel].fr} : elle se fait ${list(open, 'fr', 'ou')}. / ` +
      `The procedure "${procedure.title_en}" cannot be filed ${BY[channel].en}: file it ${list(open, 'en', 'or')}.`,
    { channel, procedure: procedure.key, openChannels: open },
  );
}
