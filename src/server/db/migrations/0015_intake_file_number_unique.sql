-- 0015: a prosecutor's office gives each file its own number: no two intake files of one office share a file
-- number (the use case answers 409 `intake.file_number_taken`; this index is the last word when two clerks race).
--
-- Earlier versions let a clerk, and the demo, register the same number twice. Before the index is made, every
-- repeat is reported (a WARNING per file: the file, its office, the number and what it becomes) and resolved
-- so that the index can be made: the office's file registered first (decided_at, then received_at, then id)
-- keeps the number; each later one gets the number with ` (2)`, ` (3)`, … appended, which the clerk sees in
-- the queue and can follow up. Nothing else changes: the answers already sent to the stations stay as signed.
do $$
declare
  dup record;
  renamed integer := 0;
begin
  for dup in
    select id, org_id, file_number, n
    from (
      select id, org_id, file_number,
             row_number() over (partition by org_id, file_number
                                order by decided_at nulls last, received_at, id) as n
      from intake_files
      where file_number is not null
    ) ranked
    where n > 1
    order by org_id, file_number, n
  loop
    raise warning 'intake file % of office % repeats file number "%"; it becomes "% (%)"',
      dup.id, dup.org_id, dup.file_number, dup.file_number, dup.n;
    update intake_files set file_number = dup.file_number || ' (' || dup.n || ')' where id = dup.id;
    renamed := renamed + 1;
  end loop;
  if renamed > 0 then
    raise warning '% intake file(s) had a file number already used in their office and were renamed', renamed;
  end if;
end $$;

create unique index intake_files_file_number on intake_files (org_id, file_number) where file_number is not null;
