import type { TransactionSql } from 'postgres';

/**
 * Serialises, within a town, what touches one (message name, correlation key): a subscription
 * opening and a message being buffered cannot miss each other.
 */
export async function lockCorrelation(tx: TransactionSql, municipalityId: string, name: string, key: string) {
  await tx`select pg_advisory_xact_lock(hashtextextended(${`parvis-message:${municipalityId}:${name}:${key}`}, 0))`;
}
