import { randomInt } from 'node:crypto';
import { trackingCode } from '@parvis/engine';

export { normaliseTrackingCode } from '@parvis/engine';

/** A fresh, unguessable tracking code like `7KQM-2XHP-9RTA`. */
export const newTrackingCode = (): string => trackingCode(randomInt);
