ALTER TABLE notifications DROP COLUMN sending_at;
