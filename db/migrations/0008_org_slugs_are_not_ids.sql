-- A slug shaped like an organization id could stand in for another organization wherever {org}
-- takes an id or a slug. Any such slug left from before becomes org-<id without dashes>: unique
-- (ids are), at most 36 characters, and no longer id-shaped. The next migration forbids them.
UPDATE "organizations"
SET "slug" = 'org-' || replace("id", '-', '')
WHERE "slug" ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
