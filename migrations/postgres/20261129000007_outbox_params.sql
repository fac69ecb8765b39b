-- Mail is stored as its kind, parameters (JSON) and the recipient's language, and put into words
-- when it is sent; subject and body keep the text of messages written before this.
ALTER TABLE outbox ADD COLUMN params TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN locale TEXT NOT NULL DEFAULT 'zh-Hant';
