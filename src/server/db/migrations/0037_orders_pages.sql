-- The orders page reads by keyset (decision 0010) in the order it shows: the open orders by deadline (the
-- overdue first), then the closed ones, each statement ending on the sort key `(closed, deadline, id)` of its
-- last row. Filters by case look the case up by its number in the station's cases (an index since 0016) or
-- in the office's intake files (added here), then the orders by the case's or the file's id (indexes since 0006).
create index orders_page on orders (org_id, (status = 'closed'), deadline_at, order_id);
create index intake_files_case_number on intake_files (org_id, case_number);
