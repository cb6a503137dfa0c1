import type { Sql } from 'postgres';

/**
 * The demo town's counter for identity cards and passports and its kind of appointment, which the
 * shipped procedure carte-identite books (issue 22, point 2). Left as they are once created: a
 * manager may have changed them since.
 */
export async function seedDemoAppointments(sql: Sql, town: string): Promise<void> {
  await sql.begin(async (tx) => {
    const [resource] = await tx<{ id: string }[]>`
      insert into appointment_resources (municipality_id, name, kind, capacity, location)
      values (${town}, 'Guichet des titres sécurisés', 'COUNTER', 1, 'Hall de la mairie, guichet 3')
      on conflict (municipality_id, name) do nothing returning id`;
    if (!resource) return;
    for (const weekday of [1, 2, 3, 4, 5])
      for (const [opens, closes] of [
        ['09:00', '12:00'],
        ['14:00', '17:00'],
      ])
        await tx`insert into appointment_openings (municipality_id, resource_id, weekday, opens, closes)
          values (${town}, ${resource.id}, ${weekday}, ${opens!}, ${closes!})`;
    await tx`insert into appointment_openings (municipality_id, resource_id, weekday, opens, closes)
      values (${town}, ${resource.id}, 6, '09:00', '12:00')`;
    const [kind] = await tx<{ id: string }[]>`
      insert into appointment_kinds (municipality_id, key, name_fr, name_en, minutes)
      values (${town}, 'carte-identite', 'Carte d’identité, passeport', 'Identity card, passport', 20)
      on conflict (municipality_id, key) do update set key = excluded.key returning id`;
    await tx`insert into appointment_kind_resources (municipality_id, kind_id, resource_id)
      values (${town}, ${kind!.id}, ${resource.id}) on conflict do nothing`;
  });
}
