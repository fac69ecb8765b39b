-- Back office: what each operator may do, the audit log of their changes, hidden categories.

-- An operator (role 'operator') may act only where a permission is granted here.
CREATE TABLE staff_permissions (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    permission TEXT NOT NULL,
    granted_by INTEGER,
    granted_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, permission)
);

-- Operators made before permissions existed could do everything; they keep that.
INSERT INTO staff_permissions (user_id, permission, granted_by, granted_at)
SELECT r.user_id, p.permission, NULL, r.granted_at
FROM user_roles r,
     (SELECT 'catalog' AS permission UNION ALL SELECT 'review' UNION ALL SELECT 'orders'
      UNION ALL SELECT 'suppliers' UNION ALL SELECT 'users' UNION ALL SELECT 'finance'
      UNION ALL SELECT 'settings') p
WHERE r.role = 'operator';

-- Every back-office change: who (kept by id and email, so the entry outlives the account), when
-- (unix seconds), what (object kind and id, action) and the object before → after (JSON, or NULL
-- when it did not exist before / does not exist after).
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    actor_id INTEGER NOT NULL,
    actor_email TEXT NOT NULL,
    at INTEGER NOT NULL,
    object_kind TEXT NOT NULL,
    object_id TEXT NOT NULL,
    action TEXT NOT NULL,
    before_json TEXT,
    after_json TEXT
);
CREATE INDEX audit_log_object ON audit_log(object_kind, object_id, id);
CREATE INDEX audit_log_actor ON audit_log(actor_id, id);

-- A hidden category leaves the shop's navigation and its page; its products stay findable.
ALTER TABLE categories ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;
