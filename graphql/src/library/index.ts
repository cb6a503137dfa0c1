// The procedure library, for the commands: record what processes/ ships, install it into a town.
export type { Installed } from './install.ts';
export { installForTown } from './operator.ts';
export { syncLibrary } from './shipped.ts';
