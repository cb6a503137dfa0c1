-- Sign-in throttling (graphql/src/common/sign-in-throttle.ts) instead of a lockout per account,
-- which let anyone lock an agent out with five wrong passwords. Failed password sign-ins are
-- counted per account and client network (the pair waits), per network across every account and
-- municipality (password spraying) and per account across networks (it only slows). The account is
-- a digest of (municipality, kind, e-mail), so no e-mail address is kept here; rows are forgotten
-- after a day. The API reaches them only through the functions below, as they span municipalities.

drop table sign_in_attempts;

create table sign_in_failures (
  account text not null,
  network text not null,
  failed_at timestamptz not null default now()
);
create index sign_in_failures_pair on sign_in_failures (account, network, failed_at);
create index sign_in_failures_network on sign_in_failures (network, failed_at);
create index sign_in_failures_age on sign_in_failures (failed_at);

-- What a sign-in is weighed by, once no other attempt of this network or account is being weighed:
-- it takes their locks until the transaction ends, so concurrent attempts are weighed one after the
-- other, each seeing the failure the previous one counted in advance. Ages are in seconds.
create function parvis_sign_in_failures(account text, network text, recent interval, remembered interval)
  returns table (pair int, pair_last_ago float8, from_network int, network_oldest_ago float8, of_account int)
  language plpgsql volatile security definer set search_path = public
  as $$
begin
  -- Networks first, then accounts, in every transaction: two attempts never wait for each other in a circle.
  perform pg_advisory_xact_lock(1, hashtext(parvis_sign_in_failures.network));
  perform pg_advisory_xact_lock(2, hashtext(parvis_sign_in_failures.account));
  return query
    select
      count(*) filter (where f.account = parvis_sign_in_failures.account and f.network = parvis_sign_in_failures.network
        and f.failed_at > now() - remembered)::int,
      coalesce(extract(epoch from now() - max(f.failed_at) filter (
        where f.account = parvis_sign_in_failures.account and f.network = parvis_sign_in_failures.network)), 0)::float8,
      count(*) filter (where f.network = parvis_sign_in_failures.network and f.failed_at > now() - recent)::int,
      coalesce(extract(epoch from now() - min(f.failed_at) filter (
        where f.network = parvis_sign_in_failures.network and f.failed_at > now() - recent)), 0)::float8,
      count(*) filter (where f.account = parvis_sign_in_failures.account and f.failed_at > now() - recent)::int
    from sign_in_failures f
    where (f.account = parvis_sign_in_failures.account or f.network = parvis_sign_in_failures.network)
      and f.failed_at > now() - greatest(recent, remembered);
end $$;

-- Counts an attempt as failed (before its password is checked), and forgets failures older than `remembered`.
create function parvis_sign_in_failed(account text, network text, remembered interval) returns void
  language sql volatile security definer set search_path = public
  as $$
    delete from sign_in_failures where failed_at < now() - remembered;
    insert into sign_in_failures (account, network) values (account, network);
  $$;

-- A right password: the pair starts afresh.
create function parvis_sign_in_succeeded(account text, network text) returns void
  language sql volatile security definer set search_path = public
  as $$
    delete from sign_in_failures f
    where f.account = parvis_sign_in_succeeded.account and f.network = parvis_sign_in_succeeded.network;
  $$;

revoke all on function parvis_sign_in_failures(text, text, interval, interval),
  parvis_sign_in_failed(text, text, interval), parvis_sign_in_succeeded(text, text) from public;
grant execute on function parvis_sign_in_failures(text, text, interval, interval),
  parvis_sign_in_failed(text, text, interval), parvis_sign_in_succeeded(text, text) to parvis_api;
