import { EMAIL } from '../common/contact-checks.ts';
import { Open311Error } from './errors.ts';
import type { PostedReport } from './report-form.ts';

/** A posted text field, trimmed; undefined when absent or blank. */
export const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/** GeoReport's own fields of a posted report (service, place, contact, media_url), checked: each refusal names the parameter. */
export function reportData(posted: PostedReport) {
  const f = posted.fields;
  const serviceCode = text(f.service_code);
  if (!serviceCode) throw new Open311Error(400, 'service_code manquant. / service_code is required.');
  const given = (name: string) => f[name] !== undefined && f[name] !== '';
  let place: { latitude: number; longitude: number } | undefined;
  if (given('lat') || given('long')) {
    const latitude = Number(f.lat);
    const longitude = Number(f.long);
    if (!given('lat') || !given('long') || !(Math.abs(latitude) <= 90) || !(Math.abs(longitude) <= 180)) {
      throw new Open311Error(
        400,
        `lat et long : deux nombres WGS84 (lat entre -90 et 90, long entre -180 et 180), reçu lat=${JSON.stringify(f.lat ?? null)}, long=${JSON.stringify(f.long ?? null)}. / lat and long: two WGS84 numbers (lat within ±90, long within ±180).`,
      );
    }
    place = { latitude, longitude };
  }
  const address = text(f.address_string);
  const addressId = text(f.address_id);
  if (!place && !address && !addressId) {
    throw new Open311Error(
      400,
      'Lieu manquant : lat et long, address_string ou address_id. / Location required: lat and long, address_string or address_id.',
    );
  }
  const description = text(f.description);
  if (description && description.length > 4000) {
    throw new Open311Error(
      400,
      `description : 4 000 caractères au plus (${description.length} reçus). / description: 4,000 characters at most.`,
    );
  }
  const email = text(f.email);
  if (email && !EMAIL.test(email))
    throw new Open311Error(400, `email invalide : ${email}. / email is not an e-mail address.`);
  const mediaUrl = text(f.media_url);
  if (mediaUrl && !/^https?:\/\/[^\s]+$/i.test(mediaUrl)) {
    throw new Open311Error(400, 'media_url : une adresse http(s). / media_url must be an http(s) URL.');
  }
  const standard = {
    ...(description ? { message: description } : {}),
    ...(email ? { email } : {}),
    ...(text(f.first_name) ? { firstName: text(f.first_name) } : {}),
    ...(text(f.last_name) ? { lastName: text(f.last_name) } : {}),
    ...(text(f.phone) ? { phone: text(f.phone) } : {}),
  };
  return {
    serviceCode,
    standard,
    place: { ...place, ...(address ? { address } : {}) },
    extra: { ...(addressId ? { addressId } : {}), ...(mediaUrl ? { mediaUrl } : {}) },
  };
}
