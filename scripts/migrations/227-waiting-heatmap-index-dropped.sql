-- Migration 225's covering index, dropped: measured over the API bench's million requests
-- (npm run bench:heatmap), PostgreSQL never chose it. The heatmap reads more of each task than it
-- held (name, groups, assignee), so it could not answer alone, and tasks_by_date (migration 013,
-- town and opening date) already finds a period's tasks. It only cost every task's writes.
drop index if exists tasks_waiting;
