-- PLACEHOLDER for issue 7 (sync runs and outbox), which owns migration 004 on its own branch.
-- It exists only so that 005 follows an unbroken sequence on the shares branch. When issue 7 is
-- merged, take issue 7's file of this name and drop this one.
SELECT 1;
