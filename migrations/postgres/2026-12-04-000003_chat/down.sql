ALTER TABLE conversations DROP CONSTRAINT conversations_last_message;
DROP TABLE chat_messages;
DROP TABLE conversations;
