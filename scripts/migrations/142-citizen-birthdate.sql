-- FranceConnect gives a citizen's birth date (claim birthdate): kept with the account it creates or links.
alter table citizens add column birthdate date;
