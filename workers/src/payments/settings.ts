import type { Sql } from 'postgres';
import { payfipProvider } from './payfip.ts';
import type { PaymentProvider } from './provider.ts';

/** A town's provider with the client number it collects under. */
export interface TownProvider {
  provider: PaymentProvider;
  clientNumber: string;
}

/** The town's payment provider, from its settings (payment_settings); undefined when it has none. */
export async function townProvider(sql: Sql, municipalityId: string): Promise<TownProvider | undefined> {
  const [settings] = await sql<
    {
      provider: string;
      client_number: string;
      environment: 'TEST' | 'ACTIVATION' | 'PRODUCTION';
      service_url: string | null;
      page_url: string | null;
    }[]
  >`select provider, client_number, environment, service_url, page_url
    from payment_settings where municipality_id = ${municipalityId}`;
  if (!settings) return undefined;
  // One provider today; the column's check names those a town may choose.
  return {
    clientNumber: settings.client_number,
    provider: payfipProvider({
      clientNumber: settings.client_number,
      environment: settings.environment,
      ...(settings.service_url ? { serviceUrl: settings.service_url } : {}),
      ...(settings.page_url ? { pageUrl: settings.page_url } : {}),
    }),
  };
}
