-- When a worker started sending the message (after claiming it); cleared when it records the
-- outcome. A message started whose claim (next_attempt_at) ran out with no outcome recorded was
-- interrupted by a crash between sending and recording: it may have gone out, so it is given up
-- on instead of sent again.
ALTER TABLE notifications ADD COLUMN sending_at TIMESTAMP;
