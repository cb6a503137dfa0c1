import type { Sql } from 'postgres';

/**
 * The database's schema as the migrations leave it, in SQL-like text a person reads: tables with
 * their columns, constraints, indexes, row-level security and policies; views; functions with their
 * arguments; triggers. Ordered by name, so that two databases migrated alike describe alike.
 */
export async function describeSchema(sql: Sql): Promise<string> {
  const lines: string[] = [];
  const tables = await sql<{ name: string; rls: boolean; forced: boolean }[]>`
    select c.relname as name, c.relrowsecurity as rls, c.relforcerowsecurity as forced
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') order by c.relname`;
  for (const table of tables) {
    const columns = await sql<{ name: string; type: string; notNull: boolean; defaultValue: string | null }[]>`
      select a.attname as name, format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as "notNull",
        pg_get_expr(d.adbin, d.adrelid) as "defaultValue"
      from pg_attribute a left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
      where a.attrelid = ${`public.${table.name}`}::regclass and a.attnum > 0 and not a.attisdropped
      order by a.attnum`;
    const constraints = await sql<{ name: string; definition: string }[]>`
      select conname as name, pg_get_constraintdef(oid) as definition from pg_constraint
      where conrelid = ${`public.${table.name}`}::regclass and contype <> 'n' order by conname`;
    lines.push(`create table ${table.name} (`);
    const parts = [
      ...columns.map(
        (c) =>
          `  ${c.name} ${c.type}${c.notNull ? ' not null' : ''}${c.defaultValue ? ` default ${c.defaultValue}` : ''}`,
      ),
      ...constraints.map((c) => `  constraint ${c.name} ${c.definition}`),
    ];
    lines.push(parts.join(',\n'), ');');
    if (table.rls) lines.push(`alter table ${table.name} enable row level security;`);
    if (table.forced) lines.push(`alter table ${table.name} force row level security;`);
    const indexes = await sql<{ definition: string }[]>`
      select indexdef as definition from pg_indexes where schemaname = 'public' and tablename = ${table.name}
        and indexname not in (select conname from pg_constraint where conrelid = ${`public.${table.name}`}::regclass)
      order by indexname`;
    for (const index of indexes) lines.push(`${index.definition.replace(' ON public.', ' on ')};`);
    const policies = await sql<
      { name: string; command: string; roles: string[]; using: string | null; check: string | null }[]
    >`
      select policyname as name, cmd as command, roles::text[] as roles, qual as using, with_check as check
      from pg_policies where schemaname = 'public' and tablename = ${table.name} order by policyname`;
    for (const p of policies) {
      lines.push(
        `create policy ${p.name} on ${table.name} for ${p.command.toLowerCase()} to ${p.roles.join(', ')}` +
          `${p.using ? ` using (${p.using})` : ''}${p.check ? ` with check (${p.check})` : ''};`,
      );
    }
    const triggers = await sql<{ definition: string }[]>`
      select pg_get_triggerdef(oid) as definition from pg_trigger
      where tgrelid = ${`public.${table.name}`}::regclass and not tgisinternal order by tgname`;
    for (const trigger of triggers) lines.push(`${trigger.definition.replaceAll(' ON public.', ' on ')};`);
    lines.push('');
  }
  const views = await sql<{ name: string }[]>`
    select viewname as name from pg_views where schemaname = 'public' order by viewname`;
  for (const view of views) lines.push(`create view ${view.name};`);
  const functions = await sql<{ signature: string; result: string; definer: boolean }[]>`
    select p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' as signature,
      pg_get_function_result(p.oid) as result, p.prosecdef as definer
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'public'
      -- an extension's own functions (btree_gist's) are its version's business, not the migrations'
      and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
    order by 1`;
  if (views.length > 0) lines.push('');
  for (const f of functions) {
    lines.push(`function ${f.signature} returns ${f.result}${f.definer ? ' security definer' : ''};`);
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
