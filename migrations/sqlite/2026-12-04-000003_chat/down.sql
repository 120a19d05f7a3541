UPDATE conversations SET last_message_id = NULL;
DROP TABLE chat_messages;
DROP TABLE conversations;
