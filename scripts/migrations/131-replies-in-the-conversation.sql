-- The town hall's replies a procedure's send tasks write to the citizen are kept in the request's
-- conversation (100-conversation: conversation_messages, source job:<id>), which the tracking page
-- shows: migration 130's request_replies is not needed.
drop table request_replies;
