import type { GraphQLFormattedError } from 'graphql';

/** The SQLSTATE the database raises when a disabled town is sent a request (migration 150). */
const TOWN_DISABLED_STATE = 'PV001';

export const isTownDisabled = (error: unknown): boolean =>
  (error as { code?: unknown } | undefined)?.code === TOWN_DISABLED_STATE;

/** What a client is told when it files a request in a disabled town. */
export function townDisabled(): GraphQLFormattedError {
  return {
    message:
      "Cette commune n'accepte plus de demandes sur Parvis : contactez directement la mairie. / This town no longer takes requests on Parvis: contact the town hall directly.",
    extensions: { code: 'TOWN_DISABLED' },
  };
}
