// Node only: a Temporal cluster of Parvis's own (npm run start:cluster) starts without namespaces.
import type { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { ensureSearchAttributes } from './search-attributes-registration.ts';

/** What a new namespace keeps of a closed workflow: as long as `temporal server start-dev` does. */
const RETENTION = '72h';

/** gRPC's ALREADY_EXISTS: registered meanwhile by another process. */
const ALREADY_EXISTS = 6;

/**
 * Registers the namespace when the cluster does not know it, then the requests' search
 * attributes. A new namespace reaches every service's cache within seconds: until then the
 * registration of the search attributes is retried. Returns the attributes registered.
 */
export async function ensureNamespace(connection: Connection, namespace: string): Promise<string[]> {
  const known = await connection.workflowService.describeNamespace({ namespace }).then(
    () => true,
    () => false,
  );
  if (!known)
    await connection.workflowService
      .registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs(RETENTION) })
      .catch((error: { code?: number }) => {
        if (error.code !== ALREADY_EXISTS) throw error;
      });
  return retried(() => ensureSearchAttributes(connection, namespace), 30_000);
}

async function retried<T>(attempt: () => Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
