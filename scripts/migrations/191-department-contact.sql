-- How to reach a department (CRPA art. R112-5): the acknowledgement names the service in charge of a
-- request with its postal address, phone and e-mail. Edited by the town's administrator; empty ones
-- fall back to the town's contact.
alter table departments
  add column postal_address text,
  add column phone text,
  add column email text;
