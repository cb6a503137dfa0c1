// Towns: which town a host name or path prefix names, each town's branding and legal pages, and the
// platform's administration (creating, listing and disabling towns).
export type { TownBranding } from './branding.ts';
export { AA_CONTRAST, contrastRatio } from './contrast.ts';
export { createTown, hostClaimedMeanwhile, TownRefused } from './create-town.ts';
export { upsertPlatformAdministrator } from './platform-administrators.ts';
export { listTownsAsOwner, type PlatformTown, setTownDisabled } from './platform-towns.ts';
export { TOWN_ADMIN_ROLE } from './roles.ts';
export { checkNewTown, type NewTown, type TownProblem } from './town-input.ts';
export { TOWN_PREFIX, townUrl } from './town-page.ts';
