import { type Piece, type ProcessIR, procedureSettings } from '@parvis/engine';
import type { Db } from '../common/database.ts';

/** The pieces that make a request's file complete, as the procedure version it runs on lists them. */
export async function requiredPieces(db: Db, requestId: string): Promise<Piece[]> {
  const [version] = await db<{ ir: ProcessIR }[]>`select v.ir from requests r
    join procedure_versions v on v.id = r.procedure_version_id where r.id = ${requestId}`;
  return version ? procedureSettings(version.ir.properties).settings.pieces : [];
}

/** Where a request's file stands: when it became complete, what is missing. */
export async function fileCompleteness(db: Db, requestId: string) {
  const [row] = await db<
    {
      complete_at: Date | null;
      missing_pieces: { missing: Piece[]; since: string; by: string; deadline: string } | null;
    }[]
  >`select complete_at, missing_pieces from requests where id = ${requestId}`;
  return row;
}
