DROP TABLE notifications;
DROP TABLE one_time_tokens;
