import { auditSource, recordAudit } from '../audit/record.ts';
import { userError } from '../common/errors.ts';
import { requireRole } from '../common/roles.ts';
import type { Resolvers } from '../generated/resolvers.ts';

/**
 * The Treasury's references a town collects under (PayFiP): its client number and environment. The
 * town's administrator sets them; without them the town bills offline (no payment step asks).
 */
export const paymentSettingsTypeDefs = /* GraphQL */ `
  "PayFiP's environment: which of the Treasury's services the town's payments go to."
  enum PaymentEnvironment {
    "Tests with the Treasury (PayFiP's saisie T): nothing is charged."
    TEST
    "The Treasury's acceptance run before going live (PayFiP's saisie X)."
    ACTIVATION
    "Real payments (PayFiP's saisie W)."
    PRODUCTION
  }

  "The town's references with the Treasury's PayFiP service."
  type PaymentSettings {
    "The provider: payfip."
    provider: String!
    "The client number (numcli, 6 digits) the Treasury gave the town."
    clientNumber: String!
    "Which of PayFiP's services payments go to."
    environment: PaymentEnvironment!
    "ISO 8601: when they last changed."
    updatedAt: String!
  }

  extend type Query {
    "Administrators: the town's PayFiP references; null when the town bills offline."
    paymentSettings: PaymentSettings
  }

  extend type Mutation {
    "Administrators: sets the town's PayFiP references (a null client number removes them: the town bills offline); refused with BAD_USER_INPUT naming the field, nothing changed. Returns them, or null once removed."
    setPaymentSettings(
      "The client number the Treasury gave the town: 6 digits; null removes the settings."
      clientNumber: String
      "Which of PayFiP's services payments go to (PRODUCTION when not given)."
      environment: PaymentEnvironment
    ): PaymentSettings
  }
`;

interface SettingsRow {
  provider: string;
  client_number: string;
  environment: 'TEST' | 'ACTIVATION' | 'PRODUCTION';
  updated_at: Date;
}

const view = (row: SettingsRow | undefined) =>
  row
    ? {
        provider: row.provider,
        clientNumber: row.client_number,
        environment: row.environment,
        updatedAt: row.updated_at.toISOString(),
      }
    : null;

export const paymentSettingsResolvers: Resolvers = {
  Query: {
    paymentSettings: (_, __, ctx) => {
      const admin = requireRole(ctx, 'administrator');
      return ctx.db.within(admin.municipalityId, async (tx) =>
        view(
          (
            await tx<SettingsRow[]>`select provider, client_number, environment, updated_at
              from payment_settings where municipality_id = ${admin.municipalityId}`
          )[0],
        ),
      );
    },
  },
  Mutation: {
    setPaymentSettings: (_, args, ctx) => {
      const admin = requireRole(ctx, 'administrator');
      const clientNumber = args.clientNumber?.trim() || null;
      // An unknown environment never gets here: the schema's enum refuses it.
      const environment = args.environment ?? 'PRODUCTION';
      if (clientNumber !== null && !/^[0-9]{6}$/.test(clientNumber)) {
        throw userError(
          'BAD_USER_INPUT',
          `clientNumber : le numéro client PayFiP a 6 chiffres (« ${clientNumber} »). / clientNumber: PayFiP's client number has 6 digits.`,
          { field: 'clientNumber' },
        );
      }
      return ctx.db.within(admin.municipalityId, async (tx) => {
        // The service and page URLs stay as operations set them (a stand-in or a new address).
        const [row] =
          clientNumber === null
            ? await tx<SettingsRow[]>`delete from payment_settings where municipality_id = ${admin.municipalityId}
                returning provider, client_number, environment, updated_at`
            : await tx<SettingsRow[]>`insert into payment_settings (municipality_id, client_number, environment)
                values (${admin.municipalityId}, ${clientNumber}, ${environment})
                on conflict (municipality_id) do update
                  set client_number = excluded.client_number, environment = excluded.environment, updated_at = now()
                returning provider, client_number, environment, updated_at`;
        await recordAudit(tx, {
          municipalityId: admin.municipalityId,
          ...auditSource(ctx),
          action: clientNumber === null ? 'settings.payment-removed' : 'settings.payment',
          target: 'payment:payfip',
          details: clientNumber === null ? { was: row?.client_number ?? null } : { clientNumber, environment },
        });
        return clientNumber === null ? null : view(row);
      });
    },
  },
};
