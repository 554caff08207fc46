-- Why a process crashed when its exit code does not say: out of memory, image not found, host
-- port taken, engine unavailable. `paas ps` shows it next to the state.
alter table instance_reports add column reason text check (length(reason) <= 1000);
