-- Pairs of people who share a home address with at most two others: a household. People
-- who live together legitimately share addresses, phones and accounts; a laptop farm is
-- many unrelated people behind one address, which this table never excuses.
WITH homes AS (
  SELECT DISTINCT person_id, key FROM contact_keys WHERE kind = 'address' AND key IS NOT NULL
),
sizes AS (SELECT key, count(*) AS residents FROM homes GROUP BY key)
SELECT a.person_id, b.person_id AS other_id, a.key
FROM homes a
JOIN homes b ON a.key = b.key AND a.person_id <> b.person_id
JOIN sizes s ON s.key = a.key
WHERE s.residents <= 3
